#include "conformance/payload/payload.hpp"

#include <algorithm>

#include "core/formats/gzip.hpp"
#include "core/formats/report_email.hpp"
#include "core/json/codec.hpp"
#include "generators/output/containers.hpp"
#include "generators/output/factory.hpp"
#include "generators/output/report_json.hpp"
#include "generators/profile/profile.hpp"

namespace tlsrpt::conformance {
namespace {

constexpr std::size_t kOversizedPadding = 24u << 20;
constexpr std::size_t kBombMiB = 128;

// FNV-1a of the case id: a case's reports depend on its id and the run's seed, not on its row.
std::uint64_t id_hash(std::string_view id) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return h;
}

gen::GenerationProfile profile_for(const Case& c, std::size_t case_number, std::uint64_t seed, std::size_t reports) {
  const Send& send = c.send;
  gen::GenerationProfile p;
  p.seed = seed * 1000003u ^ id_hash(c.id);
  p.count = reports;
  gen::ReporterSpec reporter;
  reporter.personality = std::string(send.personality);
  if (send.foreign_submitter) reporter.submitter = std::string(kForeignSubmitter);
  p.reporters = {reporter};
  // A fresh domain per case and run keeps report-ids apart from every earlier run.
  for (std::size_t i = 0; i < reports; ++i) {
    char name[96];
    std::snprintf(name, sizeof name, "c%zu-%zu-%08llx.conformance.example", case_number, i,
                  static_cast<unsigned long long>(seed & 0xffffffffu));
    p.domains.push_back({name, {}});
  }
  if (!send.policy.empty()) p.policy_mix = {{std::string(send.policy), 1}};
  if (!send.result_type.empty()) {
    p.failure_mix = {{std::string(send.result_type), 1}};
    p.failing_policy_share = 1;
  }
  if (send.all_successful) p.failing_policy_share = 0;
  p.sessions = {50, 5000};
  p.failure_details = gen::size_preset(send.size);
  return p;
}

gen::Format format_for(const Send& send) {
  if (send.channel == Channel::smtp) return gen::Format::eml;
  return send.gzip ? gen::Format::json_gz : gen::Format::json;
}

std::string file_name(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// A valid report followed by `mib` MiB of whitespace, as many small gzip members: the inflated
// body is a well-formed report to anyone who inflates it all (RFC 1952 2.2 allows members).
std::string gzip_bomb(const std::string& json, std::size_t mib) {
  std::string out = gzip_compress(json, 9);
  const std::string member = gzip_compress(std::string(1u << 20, ' '), 12);
  out.reserve(out.size() + member.size() * mib);
  for (std::size_t i = 0; i < mib; ++i) out += member;
  return out;
}

// The policies of `n` generated reports gathered into the first one, in its personality's shape.
std::string merged_report(const gen::GenerationProfile& profile, std::size_t n, bool gzip, std::string& report_id) {
  auto first = gen::synthesize(profile, 0);
  for (std::size_t i = 1; i < n; ++i) {
    auto more = gen::synthesize(profile, i);
    for (auto& policy : more.report.policies) first.report.policies.push_back(std::move(policy));
  }
  report_id = first.report.report_id.value_or("");
  const std::string json = gen::report_json(first.report, gen::shape_of(*first.personality));
  return gzip ? gen::personality_gzip(*first.personality, json) : json;
}

}  // namespace

std::optional<Counts> counts_in(const std::string& bytes, bool is_mail) {
  std::string report_bytes = bytes;
  if (is_mail) {
    Findings ignored;
    const auto mail = parse_report_email(bytes, ignored);
    if (!mail) return std::nullopt;
    report_bytes = mail->report_bytes;
  }
  if (looks_gzipped(report_bytes)) {
    auto inflated = gunzip_capped(report_bytes, InflateLimits{64u << 20, 0});
    if (!inflated.ok()) return std::nullopt;
    report_bytes = std::move(inflated.data);
  }
  const auto parsed = parse_report(report_bytes, Profile::lenient);
  if (!parsed.report) return std::nullopt;
  Counts c;
  for (const auto& p : parsed.report->policies) {
    c.successful += p.summary.total_successful_session_count.value_or(0);
    c.failed += p.summary.total_failure_session_count.value_or(0);
    if (!p.failure_details) continue;
    for (const auto& d : *p.failure_details) c.result_counts[d.result_type] += d.failed_session_count.value_or(0);
  }
  return c;
}

std::vector<Payload> build_payloads(const Case& c, std::size_t case_number, const PayloadContext& context) {
  const Send& send = c.send;
  const std::size_t reports = send.action == Action::concurrent_100 ? 100 : 1;
  const bool mail = send.channel == Channel::smtp;
  const auto domains = std::max(reports, static_cast<std::size_t>(std::max(send.policies, 1)));

  gen::PersonalitySigner signer(context.dkim ? *context.dkim : gen::DkimKey{});
  gen::FactoryOptions options;
  options.format = format_for(send);
  options.chain = gen::mut::parse_chain(send.mutators);
  options.rua_to = context.rcpt;
  // MIME mutators that shape the mail as a reporter writes it come before the signature (the
  // reporter signs what it sends); the ones that strip or break the signature come after it.
  const auto mime = gen::mut::chain_for(options.chain, gen::mut::Layer::mime);
  const bool touches_dkim = std::any_of(mime.begin(), mime.end(), [](const std::string& m) { return m.find("dkim") != std::string::npos; });
  const bool sign_last = mail && context.dkim && !mime.empty() && !touches_dkim;
  options.signer = mail && context.dkim && !sign_last ? &signer : nullptr;
  gen::ReportFactory factory(profile_for(c, case_number, context.seed, domains), options);

  std::vector<Payload> out;
  for (std::size_t i = 0; i < reports; ++i) {
    const auto artifact = factory.make(i);
    Payload p;
    p.report_id = artifact.report_id;
    p.bytes = artifact.bytes;
    if (sign_last) p.bytes = signer.sign(p.bytes, gen::synthesize(factory.profile(), i));
    p.content_type = send.content_type.empty() ? artifact.media_type : std::string(send.content_type);
    p.filename = file_name(artifact.path);
    p.mail_from = "tlsrpt@" + (send.foreign_submitter ? std::string(kForeignSubmitter)
                                                      : std::string(gen::find_personality(send.personality)->submitter));
    if (send.policies > 1) p.bytes = merged_report(factory.profile(), domains, send.gzip, p.report_id);
    switch (send.action) {
      case Action::truncate_json: p.bytes.resize(p.bytes.size() / 2); break;
      case Action::oversized: p.bytes.append(kOversizedPadding, ' '); break;
      case Action::gzip_bomb:
        p.bytes = gzip_bomb(looks_gzipped(p.bytes) ? gunzip_capped(p.bytes).data : p.bytes, kBombMiB);
        p.content_type = "application/tlsrpt+gzip";
        break;
      default: break;
    }
    // What was sent is what the receiver should hold: read it back from the bytes themselves,
    // except where the case makes the bytes unreadable on purpose.
    if (send.action != Action::truncate_json && send.action != Action::gzip_bomb) p.counts = counts_in(p.bytes, mail);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace tlsrpt::conformance
