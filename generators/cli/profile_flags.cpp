#include "generators/cli/profile_flags.hpp"

#include <CLI/CLI.hpp>

#include <fstream>
#include <set>
#include <stdexcept>

#include "generators/output/dkim.hpp"
#include "generators/personality/personality.hpp"

namespace tlsrpt::gen {
namespace {

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto comma = list.find(',', start);
    const auto item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::vector<Weighted> weights(const std::string& list, const char* what) {
  std::vector<Weighted> out;
  for (const auto& item : split(list)) {
    const auto eq = item.find('=');
    try {
      out.push_back({item.substr(0, eq), eq == std::string::npos ? 1.0 : std::stod(item.substr(eq + 1))});
    } catch (const std::exception&) {
      throw std::invalid_argument(std::string(what) + ": bad weight in '" + item + "'");
    }
  }
  return out;
}

}  // namespace

GenerationProfile ProfileFlags::build() const {
  GenerationProfile p = file.empty() ? GenerationProfile{} : load_profile(file);
  if (seed) p.seed = *seed;
  if (count) p.count = *count;
  if (!personalities.empty()) {
    p.reporters.clear();
    for (const auto& w : weights(personalities, "--personality")) p.reporters.push_back({w.name, {}, {}, {}, w.weight});
  }
  if (!domains.empty()) {
    p.domains.clear();
    for (const auto& d : split(domains)) p.domains.push_back({d, {}});
  }
  if (domain_count) p.domain_count = *domain_count;
  if (days) p.days = *days;
  if (!start.empty()) p.start_date = start;
  if (!size.empty()) p.failure_details = size_preset(size);
  if (!policy_mix.empty()) p.policy_mix = weights(policy_mix, "--policy-mix");
  if (!failure_mix.empty()) p.failure_mix = weights(failure_mix, "--failure-mix");
  if (!ips.empty()) p.ips = split(ips);
  if (failing_share) p.failing_policy_share = *failing_share;
  return p;
}

void add_profile_flags(CLI::App& app, ProfileFlags& f) {
  app.add_option("--profile", f.file, "YAML generation profile (flags below override it)")->check(CLI::ExistingFile);
  app.add_option("--seed", f.seed, "seed: the same seed gives byte-identical output (default 1)");
  app.add_option("--count", f.count, "number of reports (default 10)");
  app.add_option("--personality", f.personalities, "reporters NAME[=WEIGHT][,...] (see --list-personalities)");
  app.add_option("--domains", f.domains, "policy domains a,b,c (default d0.example ... by --domain-count)");
  app.add_option("--domain-count", f.domain_count, "number of generated policy domains (default 20)");
  app.add_option("--start", f.start, "first UTC day YYYY-MM-DD (default 2026-03-01)");
  app.add_option("--days", f.days, "number of days (default 1)");
  app.add_option("--size", f.size, "tiny | small | medium (~2 KB) | large | huge (tens of thousands of details)");
  app.add_option("--policy-mix", f.policy_mix, "sts=60,tlsa=25,no-policy-found=15");
  app.add_option("--failure-mix", f.failure_mix, "result types with weights, e.g. certificate-expired=3,starttls-not-supported=1");
  app.add_option("--ips", f.ips, "IP addresses to use instead of the documentation ranges");
  app.add_option("--failing-share", f.failing_share, "share of policies with failures, 0..1 (default 0.5)");
}

void add_dkim_flags(CLI::App& app, DkimFlags& f) {
  app.add_option("--dkim-key", f.key, "PEM RSA key to sign .eml/mbox with (default: a new key per run)")
      ->check(CLI::ExistingFile);
  app.add_option("--dkim-selector", f.selector, "DKIM selector")->capture_default_str();
  app.add_option("--dkim-records", f.records, "write the DKIM key records (for a DNS zone or a verifier) here");
  app.add_flag("--no-dkim", f.none, "leave report mail unsigned");
}

std::unique_ptr<MessageSigner> make_signer(Format format, const DkimFlags& f, const GenerationProfile& profile) {
  if ((format != Format::eml && format != Format::mbox) || f.none) return nullptr;
  auto key = f.key.empty() ? generate_dkim_key(f.selector) : load_dkim_key(f.key, f.selector);
  if (!f.records.empty() && key.public_b64.empty())
    throw std::invalid_argument("--dkim-records needs a key made for this run (not --dkim-key)");
  if (!f.records.empty()) {
    std::set<std::string> domains;
    for (const auto& r : profile.reporters) {
      if (!r.submitter.empty()) domains.insert(r.submitter);
      else if (const auto* p = find_personality(r.personality)) domains.insert(std::string(p->dkim_domain));
    }
    if (profile.reporters.empty()) domains.insert(std::string(find_personality("strict-rfc")->dkim_domain));
    std::ofstream out(f.records, std::ios::trunc);
    for (const auto& d : domains) out << key.selector << "._domainkey." << d << " " << dkim_key_record(key) << "\n";
    if (!out) throw std::runtime_error("cannot write " + f.records);
  }
  return std::make_unique<PersonalitySigner>(std::move(key));
}

}  // namespace tlsrpt::gen
