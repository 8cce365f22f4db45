// Reads report bytes as they arrived (gzip or JSON, whatever the label says) and validates them
// with the core's strict profile. Transport-free: used by both intakes and by index recovery.
#pragma once

#include <optional>
#include <string_view>

#include "core/formats/gzip.hpp"
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
// content is a warning, never a reason to drop the report.
Examined examine_report(std::string_view bytes, std::string_view declared_type, const InflateLimits& limits);

// Copies the report's identity and counts into the entry (report-id, domains, dates, counts).
void summarise(const Report& report, SinkEntry& entry);

}  // namespace tlsrpt::fakemx::sink
