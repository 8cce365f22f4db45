#include "tests/support/paths.hpp"

#include <cstdlib>
#include <random>
#include <string>

namespace tlsrpt::test {

std::filesystem::path source_dir() { return TLSRPT_SOURCE_DIR; }
std::filesystem::path binary() { return TLSRPT_BINARY; }
std::filesystem::path build_dir() { return TLSRPT_BUILD_DIR; }

std::optional<std::filesystem::path> shared_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("TLSRPT_SHARED"); env && *env)
    dir = env;
  else
    dir = source_dir().parent_path() / "shared";
  std::error_code ec;
  if (std::filesystem::is_directory(dir / "corpus", ec)) return dir;
  return std::nullopt;
}

std::filesystem::path make_temp_dir(const char* tag) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto dir = std::filesystem::temp_directory_path() /
               (std::string("tlsrpt-test-") + tag + "-" + std::to_string(rd()));
    std::error_code ec;
    if (std::filesystem::create_directory(dir, ec)) return dir;
  }
  throw std::runtime_error("cannot create a temporary directory");
}

}  // namespace tlsrpt::test
