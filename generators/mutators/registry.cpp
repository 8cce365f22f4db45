#include <array>
#include <stdexcept>

#include "generators/mutators/catalogue.hpp"

namespace tlsrpt::gen::mut {
namespace {

const std::array<const Mutator*, 31>& table() {
  static const std::array<const Mutator*, 31> all{
      &missing_required_field, &wrong_type, &null_value, &empty_string, &negative_count, &huge_count,
      &float_count, &integer_past_2_53, &duplicate_key, &invalid_utf8, &overlong_string, &deep_nesting,
      &unknown_result_type, &bad_date, &bad_ip, &mx_host_string, &json_in_string_policy,
      &gzip_truncated, &gzip_bad_crc, &gzip_concatenated, &gzip_bomb, &gzip_extra_fields,
      &mime_missing_closing_boundary, &mime_wrong_media_type, &mime_base64_error, &mime_nested_multipart,
      &mime_huge_headers, &mime_mismatched_report_headers, &mime_subject_disagrees, &mime_missing_dkim,
      &mime_broken_dkim};
  return all;
}

std::pair<std::string_view, std::string_view> split_arg(std::string_view name_and_arg) {
  const auto eq = name_and_arg.find('=');
  if (eq == std::string_view::npos) return {name_and_arg, {}};
  return {name_and_arg.substr(0, eq), name_and_arg.substr(eq + 1)};
}

}  // namespace

std::string_view to_string(Layer layer) {
  switch (layer) {
    case Layer::json: return "json";
    case Layer::gzip: return "gzip";
    case Layer::mime: return "mime";
  }
  return "?";
}

std::span<const Mutator> mutators() {
  static const std::vector<Mutator> copies = [] {
    std::vector<Mutator> v;
    for (const auto* m : table()) v.push_back(*m);
    return v;
  }();
  return copies;
}

const Mutator* find_mutator(std::string_view name) {
  for (const auto* m : table())
    if (m->name == name) return m;
  return nullptr;
}

Mutation apply(std::string_view name_and_arg, std::string_view bytes, Rng& rng) {
  const auto [name, arg] = split_arg(name_and_arg);
  const auto* m = find_mutator(name);
  if (!m) throw std::invalid_argument("unknown mutator '" + std::string(name) + "' (see generate --list-mutators)");
  return m->fn(bytes, arg, rng);
}

std::vector<std::string> parse_chain(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = list.substr(0, comma);
    if (!item.empty()) {
      if (!find_mutator(split_arg(item).first))
        throw std::invalid_argument("unknown mutator '" + std::string(split_arg(item).first) +
                                    "' (see generate --list-mutators)");
      out.emplace_back(item);
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

std::vector<std::string> chain_for(const std::vector<std::string>& chain, Layer layer) {
  std::vector<std::string> out;
  for (const auto& item : chain)
    if (find_mutator(split_arg(item).first)->layer == layer) out.push_back(item);
  return out;
}

}  // namespace tlsrpt::gen::mut
