// The project's own report sink as a conformance target: HTTPS intake, mail intake behind the
// fakemx SMTP server (STARTTLS), a run PKI minted now, DKIM trusted for every domain the suite
// signs as. Used by bench/conformance_sink.sh (through conformance_sink_server); the self-test runs
// the sink through the binary instead (lab_sink.hpp).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace tlsrpt::test {

class ConformanceSink {
 public:
  // `dkim_record` is the TXT text the suite prints for its key ("v=DKIM1; k=rsa; s=tlsrpt; p=...").
  ConformanceSink(const std::filesystem::path& dir, const std::string& dkim_record);
  ~ConformanceSink();

  std::string https_url() const;   // https://localhost:PORT/tlsrpt
  std::string oracle_url() const;  // https://localhost:PORT/_sink/index
  std::string smtp_address() const;  // localhost:PORT
  std::filesystem::path ca_file() const;  // trust anchor (PEM)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The record text out of --print-dkim-record's zone lines (the first line's quoted strings joined).
std::string record_from_zone_lines(const std::string& lines);

}  // namespace tlsrpt::test
