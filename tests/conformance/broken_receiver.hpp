// A deliberately broken TLS-RPT receiver for the conformance self-test: HTTPS intake with an
// oracle, and three flaws that can be switched on one at a time, each a bug real receivers have.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace tlsrpt::test {

struct BrokenFlaws {
  bool drops_fetch_error = false;  // written from draft-23: drops the sts-policy-fetch-error counts
  bool gzip_500 = false;           // answers 500 to every gzip body
  bool accepts_bombs = false;      // inflates without a cap and stores whatever parses
};

class BrokenReceiver {
 public:
  BrokenReceiver(const std::filesystem::path& dir, BrokenFlaws flaws);
  ~BrokenReceiver();

  std::string url() const;         // https://localhost:PORT/report
  std::string oracle_url() const;  // https://localhost:PORT/export
  std::filesystem::path ca_file() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tlsrpt::test
