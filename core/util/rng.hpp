// All randomness of a run comes from one seeded generator (blueprint habit 8); the seed is printed
// in every output. Sub-streams are derived by name so adding a consumer does not shift the others.
#pragma once

#include <cstdint>
#include <string_view>

namespace tlsrpt {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed ? seed : 0x9e3779b97f4a7c15ULL) {}

  // SplitMix64: tiny, fast, and good enough for simulation (not for keys).
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound) without modulo bias worth caring about at simulation scale.
  std::uint64_t below(std::uint64_t bound) { return bound ? next() % bound : 0; }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double probability) { return unit() < probability; }

  // An independent stream for a named consumer ("sender:Big Mail Inc.", "dns-faults").
  Rng fork(std::string_view name) const {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return Rng(state_ ^ h);
  }

  using result_type = std::uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return ~result_type{0}; }
  result_type operator()() { return next(); }

 private:
  std::uint64_t state_;
};

}  // namespace tlsrpt
