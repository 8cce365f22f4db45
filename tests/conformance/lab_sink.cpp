#include "tests/conformance/lab_sink.hpp"

#include <signal.h>

#include <sstream>
#include <stdexcept>

#include "tests/support/lab_process.hpp"

namespace tlsrpt::test {

namespace {

// The text after the last ':' of the word after `prefix` on the line starting with it.
std::string port_after(const std::string& banner, const std::string& prefix) {
  std::istringstream in(banner);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) != 0) continue;
    const auto colon = line.rfind(':');
    auto end = line.find(' ', colon);
    return line.substr(colon + 1, end == std::string::npos ? std::string::npos : end - colon - 1);
  }
  throw std::runtime_error("tlsrpt-lab mx printed no '" + prefix + "' line:\n" + banner);
}

std::string rest_of(const std::string& banner, const std::string& prefix) {
  const auto at = banner.find("\n" + prefix);
  if (at == std::string::npos) throw std::runtime_error("tlsrpt-lab mx printed no '" + prefix + "' line:\n" + banner);
  const auto start = at + 1 + prefix.size();
  return banner.substr(start, banner.find('\n', start) - start);
}

}  // namespace

LabSink::LabSink(const std::filesystem::path& dir, const std::filesystem::path& dkim_key, const std::string& profile,
                 const std::vector<std::string>& extra) {
  std::vector<std::string> args{"mx",
                                "--host", "localhost=127.0.0.1:0",
                                "--sink", (dir / "store").string(),
                                "--sink-https", "localhost=127.0.0.1:0",
                                "--dir", (dir / "mx").string(),
                                "--profile", profile};
  if (!dkim_key.empty()) args.insert(args.end(), {"--dkim-key", "tlsrpt._domainkey.*=" + dkim_key.string()});
  args.insert(args.end(), extra.begin(), extra.end());
  process_ = std::make_unique<LabProcess>(args);
  banner_ = process_->output();
  https_port_ = port_after(banner_, "sink https://");
  smtp_port_ = port_after(banner_, "mx localhost smtp://");
  ca_ = rest_of(banner_, "ca-file ");
}

LabSink::~LabSink() = default;

std::string LabSink::https_url() const { return "https://localhost:" + https_port_ + "/tlsrpt"; }
std::string LabSink::oracle_url() const { return "https://localhost:" + https_port_ + "/_sink/index"; }
std::string LabSink::smtp_address() const { return "localhost:" + smtp_port_; }
std::filesystem::path LabSink::ca_file() const { return ca_; }
int LabSink::stop() { return process_->stop(SIGTERM); }

}  // namespace tlsrpt::test
