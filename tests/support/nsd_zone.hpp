// Test peer: NSD serving one zone signed by ldns-signzone on a loopback port, started and stopped
// by PID. Skips (via available()) when nsd or ldnsutils are missing.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace tlsrpt::test {

class NsdZone {
 public:
  // zone_text: RFC 1035 master file for `origin` (no trailing dot), signed unless sign == false.
  NsdZone(const std::string& origin, const std::string& zone_text, bool sign = true);
  ~NsdZone();
  NsdZone(const NsdZone&) = delete;
  NsdZone& operator=(const NsdZone&) = delete;

  static bool available();
  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  std::uint16_t port() const { return port_; }
  const std::string& ds() const { return ds_; }  // "example.test. IN DS ..."

 private:
  std::filesystem::path dir_;
  std::uint16_t port_ = 0;
  int pid_ = -1;
  std::string ds_;
  std::string error_;
};

}  // namespace tlsrpt::test
