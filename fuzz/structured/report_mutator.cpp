#include "fuzz/structured/report_mutator.hpp"

#include <nlohmann/json.hpp>

#include <vector>

#include "core/formats/gzip.hpp"
#include "core/util/rng.hpp"
#include "generators/mutators/mutator.hpp"

namespace tlsrpt::fuzz {
namespace {

namespace mut = gen::mut;

// Slow (megabytes per call) or always over libFuzzer's size limit: left to `tlsrpt-lab fuzz`.
bool too_heavy(std::string_view name) { return name == "gzip-bomb" || name == "mime-huge-headers"; }

mut::Layer layer_of(std::string_view bytes) {
  if (looks_gzipped(bytes)) return mut::Layer::gzip;
  const auto colon = bytes.find(':'), nl = bytes.find('\n');
  if (colon != std::string_view::npos && colon < nl && !bytes.empty() && bytes[0] != '{') return mut::Layer::mime;
  return mut::Layer::json;
}

std::string apply_catalogue(std::string_view input, mut::Layer layer, Rng& rng) {
  std::vector<const mut::Mutator*> usable;
  for (const auto& m : mut::mutators())
    if (m.layer == layer && !too_heavy(m.name)) usable.push_back(&m);
  if (usable.empty()) return std::string(input);
  const auto* m = usable[rng.below(usable.size())];
  const std::string arg = m->name == "deep-nesting" ? "=" + std::to_string(2 + rng.below(400)) : "";
  return mut::apply(std::string(m->name) + arg, input, rng).bytes;
}

std::string bytes_fallback(std::string_view input, std::size_t max_size, const ByteMutator& bytes) {
  std::string out(input.substr(0, max_size));
  out.resize(max_size);
  const auto n = bytes(reinterpret_cast<std::uint8_t*>(out.data()), std::min(input.size(), max_size), max_size);
  out.resize(std::min(n, max_size));
  return out;
}

}  // namespace

std::string mutate_report(std::string_view input, std::size_t max_size, std::uint64_t seed, const ByteMutator& bytes) {
  Rng rng(seed);
  if (rng.chance(0.25)) return bytes_fallback(input, max_size, bytes);
  std::string out;
  const auto layer = layer_of(input);
  if (layer == mut::Layer::gzip && rng.chance(0.3)) {
    InflateLimits limits;
    limits.max_output = max_size;
    auto inflated = gunzip_capped(input, limits);
    out = inflated.ok() ? apply_catalogue(inflated.data, mut::Layer::json, rng) : std::string();
  } else if (layer == mut::Layer::json && rng.chance(0.2)) {
    out = gzip_compress(apply_catalogue(input, mut::Layer::json, rng), 1);
  } else {
    out = apply_catalogue(input, layer, rng);
  }
  if (out.empty() || out.size() > max_size || out == input) return bytes_fallback(input, max_size, bytes);
  return out;
}

std::string cross_over_reports(std::string_view a, std::string_view b, std::size_t max_size, std::uint64_t seed) {
  Rng rng(seed);
  auto ja = nlohmann::ordered_json::parse(a, nullptr, false);
  const auto jb = nlohmann::ordered_json::parse(b, nullptr, false);
  std::string out;
  if (ja.is_object() && jb.is_object() && !jb.empty()) {
    auto it = jb.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(rng.below(jb.size())));
    ja[it.key()] = it.value();
    out = ja.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  } else {
    const auto cut_a = rng.below(a.size() + 1), cut_b = rng.below(b.size() + 1);
    out = std::string(a.substr(0, cut_a)) + std::string(b.substr(cut_b));
  }
  if (out.size() > max_size) out.resize(max_size);
  return out;
}

}  // namespace tlsrpt::fuzz
