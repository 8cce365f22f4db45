#include "fuzz/driver/findings.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

namespace tlsrpt::fuzz {
namespace {

void write_file(const std::filesystem::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

FindingClass class_from(std::string_view name) {
  for (auto c : {FindingClass::crash, FindingClass::hang, FindingClass::memory, FindingClass::server_error,
                 FindingClass::reset, FindingClass::dead, FindingClass::verdict_mismatch})
    if (to_string(c) == name) return c;
  return FindingClass::none;
}

}  // namespace

std::string finding_id(FindingClass c, const std::string& signature) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : std::string(to_string(c)) + "\n" + signature) h = (h ^ ch) * 1099511628211ULL;
  return fmt::format("{:010x}", h & 0xffffffffffULL);
}

std::string chain_json(std::uint64_t seed, std::uint64_t case_index, const std::string& origin,
                       const std::vector<gen::mut::ChainStep>& steps) {
  nlohmann::ordered_json j;
  j["seed"] = seed;
  j["case"] = case_index;
  j["origin"] = origin;
  auto& chain = j["chain"] = nlohmann::ordered_json::array();
  for (const auto& s : steps)
    chain.push_back({{"mutator", s.mutator}, {"applied", s.applied}, {"description", s.description}});
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

FindingStore::FindingStore(std::filesystem::path out_dir) : out_(std::move(out_dir)) {
  const auto root = out_ / "findings";
  if (!std::filesystem::is_directory(root)) return;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.path().filename() != "finding.json") continue;
    std::ifstream in(entry.path());
    const auto j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    FindingRecord r;
    r.finding = class_from(j.value("class", ""));
    r.signature = j.value("signature", "");
    r.summary = j.value("summary", "");
    r.id = j.value("id", "");
    r.first_case = j.value("first-case", std::uint64_t{0});
    r.hits = j.value("hits", std::size_t{0});
    r.original_size = j.value("original-size", std::size_t{0});
    r.minimized_size = j.value("minimized-size", std::size_t{0});
    r.expected = j.value("expected", "");
    r.path = std::filesystem::relative(entry.path().parent_path(), out_).string();
    r.saved = true;
    if (r.finding != FindingClass::none) records_[std::string(to_string(r.finding)) + "\n" + r.signature] = r;
  }
}

std::string FindingStore::key(const Observation& o) { return std::string(to_string(o.finding)) + "\n" + o.signature; }

bool FindingStore::record(const Observation& o, std::uint64_t case_index) {
  std::lock_guard lock(mutex_);
  auto [it, fresh] = records_.try_emplace(key(o));
  auto& r = it->second;
  ++r.hits;
  if (!fresh) return false;
  r.finding = o.finding;
  r.signature = o.signature;
  r.summary = o.summary;
  r.first_case = case_index;
  r.id = finding_id(o.finding, o.signature);
  r.path = (std::filesystem::path("findings") / std::string(to_string(o.finding)) / r.id).string();
  return true;
}

void FindingStore::save(const Observation& o, const Reproducer& rep) {
  FindingRecord copy;
  {
    std::lock_guard lock(mutex_);
    auto& r = records_.at(key(o));
    r.original_size = rep.original.size();
    r.minimized_size = rep.minimized.size();
    r.expected = rep.expected;
    r.saved = true;
    copy = r;
  }
  const auto dir = out_ / copy.path;
  std::filesystem::create_directories(dir);
  write_file(dir / ("input" + rep.extension), rep.minimized);
  write_file(dir / ("original" + rep.extension), rep.original);
  write_file(dir / "repro.sh", "#!/bin/sh\n" + rep.repro_line + "\n");
  chmod((dir / "repro.sh").c_str(), 0755);
  write_file(dir / "chain.json", rep.chain_json);
  write_file(dir / "verdict.json", rep.verdict_json);
  write_file(dir / "output.txt", rep.output);
  write_record(copy);
}

void FindingStore::write_record(const FindingRecord& r) const {
  nlohmann::ordered_json j;
  j["class"] = to_string(r.finding);
  j["expected"] = r.expected;
  j["first-case"] = r.first_case;
  j["hits"] = r.hits;
  j["id"] = r.id;
  j["minimized-size"] = r.minimized_size;
  j["original-size"] = r.original_size;
  j["signature"] = r.signature;
  j["summary"] = r.summary;
  write_file(out_ / r.path / "finding.json", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::vector<FindingRecord> FindingStore::snapshot() const {
  std::vector<FindingRecord> out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [k, r] : records_) out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.finding, a.id) < std::tie(b.finding, b.id);
  });
  return out;
}

std::map<std::string, std::size_t> FindingStore::by_class() const {
  std::map<std::string, std::size_t> counts;
  std::lock_guard lock(mutex_);
  for (const auto& [k, r] : records_) ++counts[std::string(to_string(r.finding))];
  return counts;
}

void FindingStore::write_counts() const {
  for (const auto& r : snapshot())
    if (r.saved) write_record(r);
}

}  // namespace tlsrpt::fuzz
