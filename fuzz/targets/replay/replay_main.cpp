// A libFuzzer-compatible driver for builds without libFuzzer (the default gcc build, CI): feeds
// LLVMFuzzerTestOneInput every file under the given paths, then a bounded number of seeded
// mutations of them (bit flips, truncations, splices, inserted bytes). It is a smoke test that the
// target survives its seeds and their neighbours, not a replacement for coverage-guided fuzzing.
//
//   fuzz_<name>_replay [-runs=N] [-seed=S] [-max_len=L] PATH...
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/util/rng.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

void run_one(const std::string& input) {
  // A copy in an exactly-sized heap buffer, so AddressSanitizer sees any overread.
  std::vector<std::uint8_t> buf(input.begin(), input.end());
  LLVMFuzzerTestOneInput(buf.empty() ? nullptr : buf.data(), buf.size());
}

std::string mutate(const std::vector<std::string>& seeds, tlsrpt::Rng& rng, std::size_t max_len) {
  std::string s = seeds.empty() ? std::string() : seeds[rng.below(seeds.size())];
  const int steps = 1 + static_cast<int>(rng.below(4));
  for (int i = 0; i < steps; ++i) {
    switch (rng.below(6)) {
      case 0:  // flip a bit
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1:  // truncate
        s.resize(s.empty() ? 0 : rng.below(s.size()));
        break;
      case 2:  // insert random bytes
        s.insert(s.empty() ? 0 : rng.below(s.size()), std::string(1 + rng.below(8), static_cast<char>(rng.below(256))));
        break;
      case 3:  // splice with another seed
        if (!seeds.empty()) {
          const auto& other = seeds[rng.below(seeds.size())];
          s = s.substr(0, s.empty() ? 0 : rng.below(s.size())) + other.substr(other.empty() ? 0 : rng.below(other.size()));
        }
        break;
      case 4:  // duplicate a chunk
        if (!s.empty()) {
          const auto at = rng.below(s.size());
          s.insert(at, s.substr(at, 1 + rng.below(64)));
        }
        break;
      default:  // overwrite with an interesting byte
        if (!s.empty()) {
          static const char interesting[] = {'\0', '"', '{', '[', '\\', ':', ',', '\n', '\xff', '-', '9', '.'};
          s[rng.below(s.size())] = interesting[rng.below(sizeof interesting)];
        }
    }
  }
  if (s.size() > max_len) s.resize(max_len);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  long runs = 2000;
  std::uint64_t seed = 1;
  std::size_t max_len = 1 << 20;
  std::vector<std::string> seeds;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("-runs=", 0) == 0) { runs = std::atol(arg.c_str() + 6); continue; }
    if (arg.rfind("-seed=", 0) == 0) { seed = std::strtoull(arg.c_str() + 6, nullptr, 10); continue; }
    if (arg.rfind("-max_len=", 0) == 0) { max_len = std::strtoull(arg.c_str() + 9, nullptr, 10); continue; }
    std::error_code ec;
    auto add = [&](const std::filesystem::path& p) {
      std::ifstream in(p, std::ios::binary);
      seeds.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    };
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> files;
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg, ec))
        if (e.is_regular_file()) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add(f);
    } else if (std::filesystem::is_regular_file(arg, ec)) {
      add(arg);
    }
  }
  for (const auto& s : seeds) run_one(s);
  tlsrpt::Rng rng(seed);
  for (long i = 0; i < runs; ++i) run_one(mutate(seeds, rng, max_len));
  std::printf("replayed %zu seeds and %ld mutations (seed %llu)\n", seeds.size(), runs,
              static_cast<unsigned long long>(seed));
  return 0;
}
