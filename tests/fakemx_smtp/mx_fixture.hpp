// Shared set-up for the MX tests: one PKI per test suite, a CA file on disk, an MxServer, and a
// fresh loopback address per host so parallel tests never collide.
#pragma once

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "fakemx/pki/authority.hpp"
#include "fakemx/smtp/mx_server.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::fakemx::test {

// 127.a.b.c with random a, b, c (never 127.0.0.1).
inline std::string random_loopback() {
  static std::mt19937 gen{std::random_device{}()};
  std::uniform_int_distribution<int> octet(2, 250);
  return "127." + std::to_string(octet(gen)) + "." + std::to_string(octet(gen)) + "." + std::to_string(octet(gen));
}

class MxFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    now_ = static_cast<UnixSeconds>(std::time(nullptr));
    authority_ = std::make_unique<pki::Authority>(pki::Authority::create(now_));
    dir_ = std::make_unique<std::filesystem::path>(tlsrpt::test::make_temp_dir("fakemx-mx"));
    authority_->write_trust_anchor(ca_file());
  }
  static void TearDownTestSuite() {
    std::filesystem::remove_all(*dir_);
    dir_.reset();
    authority_.reset();
  }
  static std::filesystem::path ca_file() { return *dir_ / "ca.pem"; }

  std::shared_ptr<const pki::Credential> mint(const std::string& host, pki::Profile profile,
                                              pki::KeyType key = pki::KeyType::ecdsa_p256) {
    pki::LeafRequest r;
    r.host = host;
    r.profile = profile;
    r.key = key;
    r.now = now_;
    if (profile == pki::Profile::expiring_at) r.not_after = now_ + 3600;
    return std::make_shared<const pki::Credential>(authority_->mint(r));
  }

  smtp::MxHost add_host(const std::string& name, pki::Profile profile = pki::Profile::valid) {
    smtp::MxHostConfig config;
    config.hostname = name;
    config.address = random_loopback();
    config.io_timeout = std::chrono::seconds(20);
    auto host = server_.add_host(config);
    host.set_credential(mint(name, profile));
    return host;
  }

  static std::string target(const smtp::MxHost& h) { return h.address() + ":" + std::to_string(h.port()); }

  static inline UnixSeconds now_ = 0;
  static inline std::unique_ptr<pki::Authority> authority_;
  static inline std::unique_ptr<std::filesystem::path> dir_;
  smtp::MxServer server_{2};
};

}  // namespace tlsrpt::fakemx::test
