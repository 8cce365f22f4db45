// A test suite's own PKI: a fresh authority whose public root is written to <temp dir>/ca.pem,
// the file the sender trusts as WebPKI. The directory goes away with the object.
#pragma once

#include <filesystem>
#include <string>
#include <system_error>

#include "core/util/virtual_clock.hpp"
#include "fakemx/pki/authority.hpp"
#include "tests/support/paths.hpp"

namespace tlsrpt::sim::test_support {

struct SuitePki {
  SuitePki(UnixSeconds now, const char* tag)
      : authority(fakemx::pki::Authority::create(now)),
        dir(tlsrpt::test::make_temp_dir(tag)),
        ca_file((dir / "ca.pem").string()) {
    authority.write_trust_anchor(ca_file);
  }
  ~SuitePki() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  SuitePki(const SuitePki&) = delete;
  SuitePki& operator=(const SuitePki&) = delete;

  fakemx::pki::Authority authority;
  std::filesystem::path dir;
  std::string ca_file;
};

}  // namespace tlsrpt::sim::test_support
