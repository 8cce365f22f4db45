// The project's report sink as a user runs it: `tlsrpt-lab mx --sink ... --sink-https ...` as a
// child process on 127.0.0.1 (port 0), trusting one DKIM key for every signing domain, with the
// validation profile of the caller's choosing. Endpoints come from the lines it prints.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace tlsrpt::test {

class LabProcess;

class LabSink {
 public:
  // `dkim_key`: the key file the conformance suite signs with (`--dkim-key`), trusted as
  // tlsrpt._domainkey.* (none when empty); `extra` is appended to the mx command line.
  LabSink(const std::filesystem::path& dir, const std::filesystem::path& dkim_key, const std::string& profile,
          const std::vector<std::string>& extra = {});
  ~LabSink();

  std::string https_url() const;     // https://localhost:PORT/tlsrpt
  std::string oracle_url() const;    // https://localhost:PORT/_sink/index
  std::string smtp_address() const;  // localhost:PORT
  std::filesystem::path ca_file() const;
  const std::string& banner() const { return banner_; }  // what it printed up to "ready"
  int stop();                                            // SIGTERM; the exit code

 private:
  std::unique_ptr<LabProcess> process_;
  std::string banner_, https_port_, smtp_port_, ca_;
};

}  // namespace tlsrpt::test
