#include "sim/mta/smtp/smtp_client.hpp"

#include <cctype>
#include <map>
#include <memory>
#include <mutex>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "sim/mta/smtp/connection.hpp"
#include "sim/mta/smtp/tls_classify.hpp"

namespace tlsrpt::sim {
namespace {

struct CtxFree { void operator()(SSL_CTX* c) const { SSL_CTX_free(c); } };
using CtxPtr = std::unique_ptr<SSL_CTX, CtxFree>;

// One client context per trust bundle, shared by every attempt (loading roots is the slow part).
SSL_CTX* client_ctx(const std::string& ca_file) {
  static std::mutex mutex;
  static std::map<std::string, CtxPtr> contexts;
  std::lock_guard lock(mutex);
  auto& slot = contexts[ca_file];
  if (!slot) {
    CtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (!ctx) return nullptr;
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    // Every session does a full handshake (a resumed one would skip the certificate checks at
    // this session's virtual time), so tickets are neither asked for nor kept.
    SSL_CTX_set_session_cache_mode(ctx.get(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx.get(), SSL_OP_NO_TICKET);
    if (!ca_file.empty() && SSL_CTX_load_verify_locations(ctx.get(), ca_file.c_str(), nullptr) != 1) return nullptr;
    if (SSL_CTX_dane_enable(ctx.get()) <= 0) return nullptr;
    slot = std::move(ctx);
  }
  return slot.get();
}

int first_error_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

// Records the first verification error and lets the handshake go on, so that the sender decides
// (testing mode delivers anyway) and the report names the first thing that was wrong.
int keep_going(int ok, X509_STORE_CTX* store) {
  if (!ok) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* first = static_cast<long*>(SSL_get_ex_data(ssl, first_error_index()));
    if (first && *first == X509_V_OK) *first = X509_STORE_CTX_get_error(store);
  }
  return 1;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool offers(const smtp::Reply& ehlo, const std::string& keyword) {
  for (std::size_t i = 1; i < ehlo.lines.size(); ++i) {
    std::string l = lower(ehlo.lines[i]);
    if (l == keyword || l.starts_with(keyword + " ")) return true;
  }
  return false;
}

std::string first_token(const std::string& s) { return s.substr(0, s.find(' ')); }

std::string dot_stuff(const std::string& data) {
  std::string out;
  out.reserve(data.size() + 8);
  bool line_start = true;
  for (char c : data) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!out.ends_with("\r\n")) out += "\r\n";
  return out + ".\r\n";
}

class Session {
 public:
  Session(const SmtpAttemptOptions& o, SmtpAttempt& r) : o_(o), r_(r), conn_(o.step_timeout) {}

  void run() {
    if (!conn_.connect(o_.source_address, o_.address, o_.port)) return fail(conn_.error());
    r_.connected = true;
    r_.peer_ip = conn_.peer_ip();
    auto greeting = read();
    if (!greeting) return;
    r_.greeting = greeting->lines.empty() ? "" : greeting->lines[0];
    if (greeting->code != 220) return fail("greeting was not 220");
    auto ehlo = command("EHLO " + o_.ehlo_name);
    if (!ehlo) return;
    if (ehlo->code != 250) return fail("EHLO refused");
    r_.helo_name = first_token(ehlo->lines.at(0));
    if (r_.helo_name.empty()) r_.helo_name = first_token(r_.greeting);
    r_.starttls_offered = offers(*ehlo, "starttls");
    pipelining_ = offers(*ehlo, "pipelining");
    if (o_.starttls && !negotiate_tls()) return;
    if (o_.message) {
      deliver();
    } else {
      command("QUIT");
    }
  }

 private:
  void fail(const std::string& why) {
    r_.error = why;
    r_.transcript.push_back("*: " + why);
  }

  std::optional<smtp::Reply> read() {
    auto reply = conn_.read_reply();
    if (!reply) {
      fail(conn_.error());
      return std::nullopt;
    }
    r_.last_code = reply->code;
    for (std::size_t i = 0; i < reply->lines.size(); ++i)
      r_.transcript.push_back("S: " + std::to_string(reply->code) + (i + 1 < reply->lines.size() ? "-" : " ") +
                              reply->lines[i]);
    return reply;
  }

  std::optional<smtp::Reply> command(const std::string& line) {
    r_.transcript.push_back("C: " + line);
    if (!conn_.send_line(line)) {
      fail(conn_.error());
      return std::nullopt;
    }
    return read();
  }

  // False when the attempt ends here.
  bool negotiate_tls() {
    if (!r_.starttls_offered) {
      r_.failure = ResultType::starttls_not_supported;
      r_.transcript.push_back("*: STARTTLS not offered");
      return end_unless(!o_.require_tls);
    }
    auto reply = command("STARTTLS");
    if (!reply) return false;
    if (reply->code != 220) {
      r_.failure = ResultType::starttls_not_supported;
      r_.reason_code = "smtp-starttls-reply-code-" + std::to_string(reply->code);
      return end_unless(!o_.require_tls);
    }
    SSL* ssl = make_ssl();
    if (!ssl) {
      fail("cannot set up TLS (bad CA bundle or TLSA data)");
      return false;
    }
    long first_error = X509_V_OK;
    SSL_set_ex_data(ssl, first_error_index(), &first_error);
    const bool ok = conn_.start_tls(ssl);
    SSL_set_ex_data(ssl, first_error_index(), nullptr);
    if (!ok) {
      r_.failure = ResultType::validation_failure;
      r_.reason_code = "tls-handshake-failure: " + conn_.error();
      fail("TLS handshake failed: " + conn_.error());
      return false;
    }
    r_.tls = true;
    r_.transcript.push_back(std::string("*: TLS ") + SSL_get_version(ssl) + " " + SSL_get_cipher_name(ssl));
    if (o_.tls.auth != Authentication::none) {
      const long verdict = first_error != X509_V_OK ? first_error : SSL_get_verify_result(ssl);
      if (verdict == X509_V_OK) {
        r_.authenticated = true;
      } else {
        r_.failure = classify_verify_error(verdict);
        r_.reason_code = x509_error_name(verdict);
        r_.transcript.push_back("*: certificate check failed: " + r_.reason_code + " (" +
                                X509_verify_cert_error_string(verdict) + ")");
        if (o_.require_auth) return end_unless(false);
      }
    }
    auto ehlo = command("EHLO " + o_.ehlo_name);
    if (!ehlo || ehlo->code != 250) return false;
    pipelining_ = offers(*ehlo, "pipelining");  // only what the server says inside TLS counts
    return true;
  }

  bool end_unless(bool go_on) {
    if (!go_on) command("QUIT");
    return go_on;
  }

  SSL* make_ssl() {
    SSL_CTX* ctx = client_ctx(o_.tls.auth == Authentication::pkix ? o_.tls.ca_file : std::string());
    if (!ctx) return nullptr;
    SSL* ssl = SSL_new(ctx);
    if (!ssl) return nullptr;
    const TlsPolicy& t = o_.tls;
    const std::string sni = t.sni.empty() ? o_.mx_host : t.sni;
    if (!sni.empty()) SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(sni.c_str()));
    if (t.auth == Authentication::none) {
      SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr);
      return ssl;
    }
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_time(param, static_cast<time_t>(t.verify_time));
    const std::vector<std::string> names = t.names.empty() ? std::vector<std::string>{sni} : t.names;
    bool ok = true;
    if (t.auth == Authentication::pkix) {
      // RFC 8461 §4.2 / RFC 6125: DNS-IDs only, a wildcard only as the whole left-most label.
      SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
      ok = SSL_set1_host(ssl, names[0].c_str()) == 1;
    } else {
      // RFC 7672 §3.2: names only for DANE-TA; CN only without DNS-IDs (OpenSSL's default).
      SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      ok = SSL_dane_enable(ssl, names[0].c_str()) > 0;
      SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
      int usable = 0;
      for (const TlsaRecord& rr : t.tlsa)
        if (SSL_dane_tlsa_add(ssl, rr.usage, rr.selector, rr.mtype, rr.data.data(), rr.data.size()) > 0) ++usable;
      ok = ok && usable > 0;
    }
    for (std::size_t i = 1; ok && i < names.size(); ++i) ok = SSL_add1_host(ssl, names[i].c_str()) == 1;
    if (!ok) {
      SSL_free(ssl);
      return nullptr;
    }
    SSL_set_verify(ssl, SSL_VERIFY_PEER, keep_going);
    return ssl;
  }

  // With PIPELINING (RFC 2920) the envelope goes in one write and QUIT follows the message.
  void deliver() {
    const SmtpMessage& m = *o_.message;
    const std::vector<std::string> envelope = {"MAIL FROM:<" + m.mail_from + ">", "RCPT TO:<" + m.rcpt_to + ">",
                                               "DATA"};
    std::vector<std::optional<smtp::Reply>> replies;
    if (pipelining_) {
      std::string batch;
      for (const auto& line : envelope) {
        r_.transcript.push_back("C: " + line);
        batch += line + "\r\n";
      }
      if (!conn_.send_raw(batch)) return fail(conn_.error());
      for (std::size_t i = 0; i < envelope.size() && (i == 0 || replies.back()); ++i) replies.push_back(read());
    } else {
      for (std::size_t i = 0; i < envelope.size(); ++i) {
        replies.push_back(command(envelope[i]));
        if (!replies.back() || replies.back()->code / 100 != (i < 2 ? 2 : 3)) break;
      }
    }
    replies.resize(envelope.size());
    if (!replies[0] || replies[0]->code != 250) return fail_unless_failed("MAIL FROM refused");
    if (!replies[1] || replies[1]->code / 100 != 2) return fail_unless_failed("RCPT TO refused");
    if (!replies[2] || replies[2]->code != 354) return fail_unless_failed("DATA refused");
    r_.transcript.push_back("C: <message, " + std::to_string(m.data.size()) + " bytes>");
    if (pipelining_) r_.transcript.push_back("C: QUIT");
    if (!conn_.send_raw(dot_stuff(m.data) + (pipelining_ ? "QUIT\r\n" : ""))) return fail(conn_.error());
    auto done = read();
    if (!done) return;
    r_.delivered = done->code / 100 == 2;
    if (!r_.delivered) fail("message refused");
    if (pipelining_) read();
    else command("QUIT");
  }

  void fail_unless_failed(const std::string& why) {
    if (r_.error.empty()) fail(why);
  }

  const SmtpAttemptOptions& o_;
  SmtpAttempt& r_;
  smtp::Connection conn_;
  bool pipelining_ = false;
};

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string TlsaRecord::text() const {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = std::to_string(usage) + " " + std::to_string(selector) + " " + std::to_string(mtype) + " ";
  for (std::uint8_t b : data) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::optional<TlsaRecord> parse_tlsa(const std::string& rdata) {
  TlsaRecord rr;
  unsigned u = 0, s = 0, m = 0;
  int consumed = 0;
  if (std::sscanf(rdata.c_str(), "%u %u %u %n", &u, &s, &m, &consumed) != 3 || u > 255 || s > 255 || m > 255)
    return std::nullopt;
  rr.usage = static_cast<std::uint8_t>(u);
  rr.selector = static_cast<std::uint8_t>(s);
  rr.mtype = static_cast<std::uint8_t>(m);
  std::string hex;
  for (char c : rdata.substr(static_cast<std::size_t>(consumed)))
    if (c != ' ') hex += c;
  if (hex.size() % 2) return std::nullopt;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    rr.data.push_back(static_cast<std::uint8_t>(hi * 16 + lo));
  }
  return rr;
}

SmtpAttempt smtp_attempt(const SmtpAttemptOptions& options) {
  SmtpAttempt result;
  Session(options, result).run();
  return result;
}

}  // namespace tlsrpt::sim
