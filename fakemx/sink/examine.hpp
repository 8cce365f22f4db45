// Reads report bytes as they arrived (gzip or JSON, whatever the label says) and validates them
// with the core under the sink's profile. Transport-free: used by both intakes and by index recovery.
#pragma once

#include <optional>
#include <string_view>

#include "core/formats/gzip.hpp"
#include "core/json/codec.hpp"
#include "core/report/finding.hpp"
#include "core/report/model.hpp"
#include "fakemx/sink/entry.hpp"

namespace tlsrpt::fakemx::sink {

struct Examined {
  Verdict verdict = Verdict::not_a_report;
  std::optional<Report> report;
  Findings findings;
};

// declared_type: the Content-Type or MIME part type ("" when unknown); a mismatch between label and
// content is a warning, never a reason to drop the report. Under Profile::lenient the verdict is
// the lenient profile's, and what strict would refuse is still recorded (see as_lenient).
Examined examine_report(std::string_view bytes, std::string_view declared_type, const InflateLimits& limits,
                        Profile profile = Profile::strict);

// The strict findings, each strict error that the lenient findings do not also hold as an error
// turned into a warning, plus lenient-only errors: what a lenient receiver tolerates stays on record.
Findings as_lenient(Findings strict, const Findings& lenient);

// Copies the report's identity and counts into the entry (report-id, domains, dates, counts).
void summarise(const Report& report, SinkEntry& entry);

}  // namespace tlsrpt::fakemx::sink
