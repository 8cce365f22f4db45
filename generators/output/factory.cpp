#include "generators/output/factory.hpp"

#include <stdexcept>

#include "generators/output/containers.hpp"
#include "generators/output/report_json.hpp"
#include "generators/output/report_message.hpp"

namespace tlsrpt::gen {

Format format_from(std::string_view name) {
  if (name == "json") return Format::json;
  if (name == "json.gz" || name == "gz") return Format::json_gz;
  if (name == "eml") return Format::eml;
  if (name == "mbox") return Format::mbox;
  throw std::invalid_argument("unknown format '" + std::string(name) + "' (json, json.gz, eml, mbox)");
}

namespace {

GenerationProfile finalized(GenerationProfile profile) {
  finalize(profile);
  return profile;
}

}  // namespace

ReportFactory::ReportFactory(GenerationProfile profile, FactoryOptions options)
    : profile_(finalized(std::move(profile))), options_(std::move(options)), synth_(profile_) {
  const bool gz = options_.format != Format::json;
  const bool mail = options_.format == Format::eml || options_.format == Format::mbox;
  if (!gz && !mut::chain_for(options_.chain, mut::Layer::gzip).empty())
    throw std::invalid_argument("gzip mutators need --format json.gz, eml or mbox");
  if (!mail && !mut::chain_for(options_.chain, mut::Layer::mime).empty())
    throw std::invalid_argument("MIME mutators need --format eml or mbox");
}

void ReportFactory::mutate(std::string& bytes, mut::Layer layer, Rng& rng, std::vector<mut::ChainStep>& steps) const {
  for (const auto& name : mut::chain_for(options_.chain, layer)) {
    auto m = mut::apply(name, bytes, rng);
    steps.push_back({name, std::move(m.description), m.applied});
    bytes = std::move(m.bytes);
  }
}

Artifact ReportFactory::make(std::uint64_t index) {
  synth_.make(index, report_);
  const GeneratedReport& g = report_;
  Artifact a;
  a.index = index;
  a.report_id = g.report.report_id.value_or("");
  Rng rng = Rng(profile_.seed).fork("mutate:" + std::to_string(index));

  json_.clear();
  write_report_json(g.report, shape_of(*g.personality), json_);
  const bool gz = options_.format != Format::json;
  const bool json_mutators = !mut::chain_for(options_.chain, mut::Layer::json).empty();
  std::string bytes;
  if (!gz || json_mutators) {
    bytes = json_;
    mutate(bytes, mut::Layer::json, rng, a.steps);
  }

  std::string name = report_filename(g, gz);
  if (gz) {
    // Without JSON mutators the reused buffer is compressed in place of a copy.
    const std::string_view json = json_mutators ? std::string_view(bytes) : std::string_view(json_);
    bytes = personality_gzip(*g.personality, json, options_.gzip_level);
    mutate(bytes, mut::Layer::gzip, rng, a.steps);
  }
  a.media_type = gz ? "application/tlsrpt+gzip" : "application/tlsrpt+json";
  if (options_.format == Format::eml || options_.format == Format::mbox) {
    bytes = report_message(g, MessageParts{options_.rua_to, name, std::move(bytes), true});
    if (options_.signer) bytes = options_.signer->sign(bytes, g);
    mutate(bytes, mut::Layer::mime, rng, a.steps);
    a.media_type = "message/rfc822";
    name.replace(name.size() - 8, 8, ".eml");  // "….json.gz" -> "….eml"
  }
  const auto cycle = profile_.domains.size() * static_cast<std::uint64_t>(profile_.days);
  const auto round = index / cycle;
  a.path = round == 0 ? std::move(name) : "round-" + std::to_string(round) + "/" + name;
  a.bytes = std::move(bytes);
  return a;
}

std::string mutations_json(const Artifact& a, std::uint64_t seed) {
  std::string out = "{\"index\":" + std::to_string(a.index) + ",\"seed\":" + std::to_string(seed) + ",\"report-id\":";
  append_json_string(out, a.report_id);
  out += ",\"chain\":[";
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    if (i) out += ',';
    out += "{\"mutator\":";
    append_json_string(out, a.steps[i].mutator);
    out += ",\"applied\":";
    out += a.steps[i].applied ? "true" : "false";
    out += ",\"description\":";
    append_json_string(out, a.steps[i].description);
    out += '}';
  }
  out += "]}\n";
  return out;
}

}  // namespace tlsrpt::gen
