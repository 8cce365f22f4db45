#include "sim/mta/delivery/report_delivery.hpp"

#include <fmt/format.h>
#include <openssl/ssl.h>

#include <algorithm>

#include "core/formats/dkim.hpp"
#include "core/formats/report_email.hpp"
#include "core/formats/rfc5322_date.hpp"
#include "core/records/tlsrpt_record.hpp"
#include "sim/mta/https/http_response.hpp"
#include "sim/mta/sender.hpp"
#include "sim/mta/smtp/connection.hpp"
#include "sim/mta/smtp/smtp_client.hpp"

namespace tlsrpt::sim {
namespace {

constexpr UnixSeconds kRetryWindow = 24 * 3600;

std::string msg_id(const std::string& report_id, const std::string& sender_domain) {
  std::string id = report_id;
  std::replace_if(id.begin(), id.end(), [](char c) { return c == ' ' || c == '<' || c == '>'; }, '_');
  return id.find('@') == std::string::npos ? id + "@" + sender_domain : id;
}

std::string domain_of(const std::string& mailbox) {
  const auto at = mailbox.rfind('@');
  return at == std::string::npos ? std::string() : mailbox.substr(at + 1);
}

DeliveryAttempt send_mail(const std::string& rua, const std::string& mailbox, const std::string& mail,
                          const DeliverySettings& s, Resolver& dns, UnixSeconds now) {
  DeliveryAttempt a{rua, false, {}};
  const std::string domain = domain_of(mailbox);
  DnsAnswer mx = dns.query(domain, "MX", now);
  std::vector<MxHost> hosts = parse_mx(mx.rdatas);
  if (mx.ok() && mx.outcome != DnsOutcome::answer) hosts = {MxHost{0, domain}};
  if (hosts.empty()) {
    a.detail = "no MX for " + domain + ": " + mx.reason;
    return a;
  }
  for (const MxHost& h : hosts) {
    DnsAnswer addr = dns.query(h.host, "A", now);
    if (addr.rdatas.empty()) {
      a.detail = "no address for " + h.host;
      continue;
    }
    SmtpAttemptOptions o;
    o.mx_host = h.host;
    o.address = addr.rdatas.front();
    o.port = s.smtp_port_for ? s.smtp_port_for(o.address) : 25;
    o.source_address = s.source_address;
    o.ehlo_name = s.ehlo_name;
    o.step_timeout = s.timeout;
    o.tls.sni = h.host;  // opportunistic: no MTA-STS or DANE failure stops a report (RFC 8460 §3)
    o.message = SmtpMessage{"tlsrpt@" + s.identity.sender_domain, mailbox, mail};
    SmtpAttempt r = smtp_attempt(o);
    if (!r.delivered && r.connected && !r.tls && r.failure) {
      o.starttls = false;
      r = smtp_attempt(o);
    }
    a.detail = r.delivered ? fmt::format("accepted by {} ({})", h.host, r.last_code)
                           : fmt::format("{}: {} (last reply {})", h.host, r.error, r.last_code);
    if (r.delivered) {
      a.ok = true;
      return a;
    }
  }
  return a;
}

struct HttpsUrl {
  std::string host;
  std::optional<std::uint16_t> port;
  std::string target = "/";
};

std::optional<HttpsUrl> parse_https(const std::string& uri) {
  if (uri.rfind("https://", 0) != 0) return std::nullopt;
  HttpsUrl u;
  std::string rest = uri.substr(8);
  const auto slash = rest.find('/');
  if (slash != std::string::npos) {
    u.target = rest.substr(slash);
    rest = rest.substr(0, slash);
  }
  const auto colon = rest.rfind(':');
  if (colon != std::string::npos) {
    try {
      u.port = static_cast<std::uint16_t>(std::stoul(rest.substr(colon + 1)));
    } catch (const std::exception&) {
      return std::nullopt;
    }
    rest = rest.substr(0, colon);
  }
  u.host = rest;
  if (u.host.empty()) return std::nullopt;
  return u;
}

struct CtxFree { void operator()(SSL_CTX* c) const { SSL_CTX_free(c); } };

DeliveryAttempt post(const std::string& rua, const PackagedReport& report, const DeliverySettings& s, Resolver& dns,
                     UnixSeconds now) {
  DeliveryAttempt a{rua, false, {}};
  auto url = parse_https(rua);
  if (!url) {
    a.detail = "not an https URL";
    return a;
  }
  DnsAnswer addr = dns.query(url->host, "A", now);
  if (addr.rdatas.empty()) {
    a.detail = "no address for " + url->host;
    return a;
  }
  const std::string ip = addr.rdatas.front();
  const std::uint16_t port = url->port ? *url->port : (s.https_port_for ? s.https_port_for(ip) : 443);
  smtp::Connection conn(s.timeout);
  if (!conn.connect(s.source_address, ip, port)) {
    a.detail = conn.error();
    return a;
  }
  // RFC 8460 §3: submitters MAY ignore certificate errors; the report is not secret.
  std::unique_ptr<SSL_CTX, CtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  SSL* ssl = SSL_new(ctx.get());
  SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(url->host.c_str()));
  SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr);
  if (!conn.start_tls(ssl)) {
    a.detail = "TLS: " + conn.error();
    return a;
  }
  const std::string head = fmt::format(
      "POST {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: tlsrpt-lab-sim\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
      "Connection: close\r\n\r\n",
      url->target, url->host, report.media_type(), report.payload.size());
  if (!conn.send_raw(head + report.payload)) {
    a.detail = conn.error();
    return a;
  }
  HttpResponse res = read_http_response(conn, 64 * 1024, 4 * s.timeout);
  if (!res.complete) {
    a.detail = res.error;
    return a;
  }
  a.ok = res.status / 100 == 2;
  a.detail = "HTTP " + std::to_string(res.status);
  return a;
}

}  // namespace

std::string report_mail(const PackagedReport& report, const DeliverySettings& s, const std::string& to,
                        UnixSeconds now) {
  const std::string report_id = report.built.report.report_id.value_or(report.built.unique_id);
  ReportEmailSpec spec;
  spec.from = "TLS Reports <" + s.identity.contact_info + ">";
  spec.to = to;
  spec.policy_domain = report.built.policy_domain;
  spec.submitter = s.identity.sender_domain;
  spec.report_id = report_id;
  spec.message_id = msg_id(report_id, s.identity.sender_domain);
  spec.date_rfc5322 = format_rfc5322_date(now);
  spec.human_text = "This is an aggregate TLS report from " + s.identity.organization + " for " +
                    report.built.policy_domain + " (RFC 8460).\r\n";
  spec.attachment_name = report.filename;
  spec.attachment = report.payload;
  spec.gzipped = report.gzipped;
  std::string mail = build_report_email(spec);
  if (s.dkim_private_key_pem.empty()) return mail;
  return dkim_sign(mail, DkimSigner{s.identity.sender_domain, s.dkim_selector, s.dkim_private_key_pem}, now);
}

DeliveryOutcome ReportDelivery::deliver(const PackagedReport& report, Resolver& dns, UnixSeconds now) {
  DeliveryOutcome out;
  const std::string key = report.built.report.report_id.value_or(report.filename);
  Retry& retry = retries_.try_emplace(key, Retry{now, 0}).first->second;

  DnsAnswer txt = dns.query("_smtp._tls." + report.built.policy_domain, "TXT", now);
  if (txt.ok()) {
    auto record = select_tlsrpt_record(txt.txt);
    if (!record.ok()) {  // no TLSRPT policy: nobody to send to, and nothing to retry
      out.gave_up = true;
      out.attempts.push_back({"", false, "no usable TLSRPT record at _smtp._tls." + report.built.policy_domain});
      retries_.erase(key);
      return out;
    }
    for (const RuaUri& rua : record.value->rua) {
      if (rua.scheme == RuaScheme::mailto) {
        out.message = report_mail(report, settings_, rua.mailbox, now);
        out.attempts.push_back(send_mail(rua.uri, rua.mailbox, out.message, settings_, dns, now));
      } else if (rua.scheme == RuaScheme::https) {
        out.attempts.push_back(post(rua.uri, report, settings_, dns, now));
      } else {
        out.attempts.push_back({rua.uri, false, "unsupported rua scheme"});
      }
    }
  } else {
    out.attempts.push_back({"", false, "TLSRPT lookup failed: " + txt.reason});
  }
  out.delivered = std::any_of(out.attempts.begin(), out.attempts.end(), [](const auto& a) { return a.ok; });
  if (out.delivered) {
    retries_.erase(key);
    return out;
  }
  ++retry.failures;
  const UnixSeconds next = now + (UnixSeconds{300} << std::min(retry.failures - 1, 8));  // 5 min, 10, 20, ...
  if (next > retry.first + kRetryWindow) {
    out.gave_up = true;
    retries_.erase(key);
  } else {
    out.retry_at = next;
  }
  return out;
}

}  // namespace tlsrpt::sim
