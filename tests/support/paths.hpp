// Where tests find things: the source tree, the real tlsrpt-lab binary, and ../shared (optional).
#pragma once

#include <filesystem>
#include <optional>

namespace tlsrpt::test {

std::filesystem::path source_dir();
std::filesystem::path binary();     // the tlsrpt-lab executable a user runs
std::filesystem::path build_dir();
// ../shared next to the checkout, or $TLSRPT_SHARED; nullopt when absent (tests then GTEST_SKIP).
std::optional<std::filesystem::path> shared_dir();
// A fresh, empty temporary directory, removed by the caller or left for inspection on failure.
std::filesystem::path make_temp_dir(const char* tag);

}  // namespace tlsrpt::test

// Skips the current test when ../shared is absent, else binds `var` to it.
#define TLSRPT_REQUIRE_SHARED(var)                                   \
  const auto var##_opt = ::tlsrpt::test::shared_dir();               \
  if (!var##_opt) GTEST_SKIP() << "../shared is absent: skipping";   \
  const std::filesystem::path var = *var##_opt
