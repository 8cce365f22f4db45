#include "fuzz/driver/case_source.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include "core/formats/gzip.hpp"
#include "core/util/file_text.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::fuzz {
namespace {

constexpr std::size_t kFactoryCache = 512;

std::string read_file(const std::filesystem::path& path) {
  auto bytes = read_whole_file(path);
  if (!bytes) throw std::invalid_argument("cannot read corpus file " + path.string());
  return std::move(*bytes);
}

bool looks_like_mail(std::string_view bytes) {
  const auto colon = bytes.find(':');
  const auto nl = bytes.find('\n');
  return colon != std::string_view::npos && colon < nl && bytes.substr(0, 1) != "{" && bytes.substr(0, 1) != "[";
}

// Deep nesting defeats the recursive JSON edits of the mutators after it: apply it last.
void nesting_last(std::vector<std::string>& chain) {
  std::stable_partition(chain.begin(), chain.end(), [](const std::string& n) { return n.rfind("deep-nesting", 0) != 0; });
}

}  // namespace

std::string extension_of(gen::Format format) {
  switch (format) {
    case gen::Format::json: return ".json";
    case gen::Format::json_gz: return ".json.gz";
    default: return ".eml";
  }
}

std::string media_type_of(gen::Format format) {
  switch (format) {
    case gen::Format::json: return "application/tlsrpt+json";
    case gen::Format::json_gz: return "application/tlsrpt+gzip";
    default: return "message/rfc822";
  }
}

std::vector<std::filesystem::path> load_corpus(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_regular_file(dir)) return {dir};
  if (!std::filesystem::is_directory(dir)) throw std::invalid_argument("corpus " + dir.string() + " is not a directory");
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

CaseSource::CaseSource(CaseSourceOptions options) : options_(std::move(options)) {
  if (options_.formats.empty()) throw std::invalid_argument("no input format chosen");
  for (auto f : options_.formats)
    if (f == gen::Format::mbox) throw std::invalid_argument("mbox is not an input format for fuzzing (use eml)");
  profile_.seed = options_.seed;
  profile_.count = ~std::uint64_t{0} >> 1;
  profile_.failure_details = {1, 6};
  if (options_.personalities.empty())
    for (const auto& p : gen::personalities()) options_.personalities.emplace_back(p.name);
  for (const auto& name : options_.personalities) {
    if (!gen::find_personality(name)) throw std::invalid_argument("unknown personality '" + name + "'");
    profile_.reporters.push_back({name, {}, {}, {}, 1});
  }
  gen::finalize(profile_);
  if (options_.mutators.empty())
    for (const auto& m : gen::mut::mutators()) options_.mutators.emplace_back(m.name);
  for (const auto& name : options_.mutators) {
    const auto* m = gen::mut::find_mutator(std::string_view(name).substr(0, name.find('=')));
    if (!m) throw std::invalid_argument("unknown mutator '" + name + "' (see generate --list-mutators)");
    allowed_.push_back({name, m->layer});
  }
}

std::vector<std::string> CaseSource::pick_chain(Rng& rng, gen::Format format) const {
  std::vector<std::string> chain;
  if (rng.chance(options_.unmutated_share)) return chain;
  const bool gz = format != gen::Format::json, mail = format == gen::Format::eml;
  std::vector<const Allowed*> usable;
  for (const auto& a : allowed_)
    if (a.layer == gen::mut::Layer::json || (a.layer == gen::mut::Layer::gzip && gz) ||
        (a.layer == gen::mut::Layer::mime && mail))
      usable.push_back(&a);
  if (usable.empty()) return chain;
  const auto length = 1 + rng.below(static_cast<std::uint64_t>(std::max(1, options_.max_chain)));
  for (std::uint64_t i = 0; i < length; ++i) {
    const auto& name = usable[rng.below(usable.size())]->name;
    if (std::find(chain.begin(), chain.end(), name) == chain.end()) chain.push_back(name);
  }
  nesting_last(chain);
  return chain;
}

gen::ReportFactory& CaseSource::factory(gen::Format format, const std::vector<std::string>& chain) {
  std::string key = extension_of(format);
  for (const auto& c : chain) key += "," + c;
  auto it = factories_.find(key);
  if (it == factories_.end()) {
    if (factories_.size() >= kFactoryCache) factories_.clear();
    gen::FactoryOptions fo;
    fo.format = format;
    fo.chain = chain;
    it = factories_.emplace(key, std::make_unique<gen::ReportFactory>(profile_, std::move(fo))).first;
  }
  return *it->second;
}

Case CaseSource::generated(std::uint64_t index, Rng& rng) {
  const auto format = options_.formats[rng.below(options_.formats.size())];
  const auto chain = pick_chain(rng, format);
  auto artifact = factory(format, chain).make(index);
  Case c;
  c.index = index;
  c.bytes = std::move(artifact.bytes);
  c.extension = extension_of(format);
  c.media_type = std::move(artifact.media_type);
  c.origin = "generated";
  c.steps = std::move(artifact.steps);
  return c;
}

Case CaseSource::from_corpus(std::uint64_t index, const std::filesystem::path& file, Rng& rng, bool mutate) {
  Case c;
  c.index = index;
  c.bytes = read_file(file);
  c.origin = "corpus:" + file.filename().string();
  const bool gz = looks_gzipped(c.bytes), mail = !gz && looks_like_mail(c.bytes);
  const auto format = gz ? gen::Format::json_gz : mail ? gen::Format::eml : gen::Format::json;
  c.extension = extension_of(format);
  c.media_type = media_type_of(format);
  if (!mutate) return c;
  const auto layer = gz ? gen::mut::Layer::gzip : mail ? gen::mut::Layer::mime : gen::mut::Layer::json;
  std::vector<const Allowed*> usable;
  for (const auto& a : allowed_)
    if (a.layer == layer) usable.push_back(&a);
  const auto length = usable.empty() ? 0 : 1 + rng.below(2);
  std::vector<std::string> chain;
  for (std::uint64_t i = 0; i < length; ++i) chain.push_back(usable[rng.below(usable.size())]->name);
  nesting_last(chain);
  for (const auto& name : chain) {
    auto m = gen::mut::apply(name, c.bytes, rng);
    c.steps.push_back({name, std::move(m.description), m.applied});
    c.bytes = std::move(m.bytes);
  }
  return c;
}

std::string CaseSource::origin(const Case& c) const {
  if (c.origin != "generated") return c.origin;
  return "generated:" + std::string(gen::synthesize(profile_, c.index).personality->name);
}

Case CaseSource::make(std::uint64_t index) {
  Rng rng = Rng(options_.seed).fork("case:" + std::to_string(index));
  const auto& corpus = options_.corpus;
  if (index < corpus.size()) return from_corpus(index, corpus[index], rng, false);
  if (!corpus.empty() && rng.chance(0.3)) return from_corpus(index, corpus[rng.below(corpus.size())], rng, true);
  return generated(index, rng);
}

}  // namespace tlsrpt::fuzz
