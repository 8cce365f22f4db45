// DKIM signing and verification with OpenDKIM; the message is fed header by header, then the body.
#include "core/formats/dkim.hpp"

// OpenDKIM's C header spells the boolean type C's way; in C++ that is bool (same ABI).
#define _Bool bool
extern "C" {
#include <opendkim/dkim.h>
}
#undef _Bool

#include <array>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "core/formats/mime_text.hpp"

namespace tlsrpt {
namespace {

struct CloseLib {
  void operator()(DKIM_LIB* lib) const { dkim_close(lib); }
};
struct FreeDkim {
  void operator()(DKIM* d) const { dkim_free(d); }
};
using Lib = std::unique_ptr<DKIM_LIB, CloseLib>;
using Handle = std::unique_ptr<DKIM, FreeDkim>;

unsigned char* uc(const char* s) { return reinterpret_cast<unsigned char*>(const_cast<char*>(s)); }
unsigned char* uc(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }
std::string str(const unsigned char* s) { return s ? reinterpret_cast<const char*>(s) : ""; }

// A CRLF message split into header fields (each with its folds, without the final CRLF) and body.
struct Split {
  std::vector<std::string> headers;
  std::string body;
};

Split split_message(const std::string& crlf) {
  Split out;
  std::size_t pos = 0;
  while (pos < crlf.size()) {
    auto end = crlf.find("\r\n", pos);
    if (end == std::string::npos) end = crlf.size();
    if (end == pos) {  // the empty line
      pos = end + 2;
      break;
    }
    const std::string_view line(crlf.data() + pos, end - pos);
    if ((line.front() == ' ' || line.front() == '\t') && !out.headers.empty())
      out.headers.back() += "\r\n" + std::string(line);
    else
      out.headers.emplace_back(line);
    pos = end + 2;
  }
  if (pos < crlf.size()) out.body = crlf.substr(pos);
  return out;
}

void feed(DKIM* dkim, const Split& message, const char* what) {
  for (auto h : message.headers)
    if (dkim_header(dkim, uc(h), h.size()) != DKIM_STAT_OK) throw std::runtime_error(std::string(what) + ": a header field is malformed.");
  if (dkim_eoh(dkim) != DKIM_STAT_OK && std::strcmp(what, "sign") == 0)
    throw std::runtime_error("sign: the header block is not usable.");
  std::string body = message.body;
  if (!body.empty()) dkim_body(dkim, uc(body), body.size());
}

Lib make_lib() {
  Lib lib(dkim_init(nullptr, nullptr));
  if (!lib) throw std::runtime_error("OpenDKIM could not be initialised.");
  return lib;
}

void set_time(DKIM_LIB* lib, std::int64_t t) {
  if (t <= 0) return;
  std::uint64_t fixed = static_cast<std::uint64_t>(t);
  dkim_options(lib, DKIM_OP_SETOPT, DKIM_OPTS_FIXEDTIME, &fixed, sizeof fixed);
}

// ---- verification ----------------------------------------------------------------------------

struct VerifyContext {
  const KeyLookup* lookup;
  std::optional<std::string> services;
  bool key_found = false;
};

std::string tag_value(std::string_view record, std::string_view tag) {
  std::size_t pos = 0;
  while (pos < record.size()) {
    auto end = record.find(';', pos);
    if (end == std::string_view::npos) end = record.size();
    std::string_view field = record.substr(pos, end - pos);
    const auto eq = field.find('=');
    if (eq != std::string_view::npos) {
      std::string_view name = field.substr(0, eq), value = field.substr(eq + 1);
      while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.remove_prefix(1);
      while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
      if (name == tag) return std::string(value);
    }
    pos = end + 1;
  }
  return "\x01";  // absent
}

bool lists_service(std::string_view services, std::string_view wanted) {
  std::size_t pos = 0;
  while (pos <= services.size()) {
    auto end = services.find(':', pos);
    if (end == std::string_view::npos) end = services.size();
    std::string_view s = services.substr(pos, end - pos);
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s == wanted) return true;
    pos = end + 1;
  }
  return false;
}

// OpenDKIM's key lookup hook: asks the caller's KeyLookup instead of DNS.
DKIM_CBSTAT lookup_key(DKIM* dkim, DKIM_SIGINFO* sig, unsigned char* buf, size_t buflen) {
  auto* ctx = static_cast<VerifyContext*>(dkim_get_user_context(dkim));
  if (!ctx) return DKIM_CBSTAT_ERROR;
  std::optional<std::string> txt;
  try {
    txt = (*ctx->lookup)(str(dkim_sig_getselector(sig)), str(dkim_sig_getdomain(sig)));
  } catch (...) {
    return DKIM_CBSTAT_ERROR;
  }
  if (!txt) return DKIM_CBSTAT_NOTFOUND;
  ctx->key_found = true;
  std::string record = *txt;
  const std::string s = tag_value(record, "s");
  if (s != "\x01") {
    ctx->services = s;
    // RFC 8460 §3 publishes keys with s=tlsrpt; OpenDKIM only knows "email" and "*", so such a key
    // is shown to it as "*" (the service check itself is reported through key_allows_tlsrpt).
    if (lists_service(s, "tlsrpt") && !lists_service(s, "email") && !lists_service(s, "*")) {
      const auto at = record.find("s=" + s);
      if (at != std::string::npos) record.replace(at, 2 + s.size(), "s=*");
    }
  }
  if (record.size() + 1 > buflen) return DKIM_CBSTAT_ERROR;
  std::memcpy(buf, record.c_str(), record.size() + 1);
  return DKIM_CBSTAT_CONTINUE;
}

DkimResult failed(DkimResult r, DkimFailure why, std::string reason) {
  r.status = DkimStatus::fail;
  r.failure = why;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

std::string dkim_sign(std::string_view message, const DkimSigner& signer, std::int64_t signing_time) {
  // Checked here because OpenDKIM leaks on an unreadable key and reports it less clearly.
  if (!dkim_key_usable(signer.private_key_pem)) throw std::runtime_error("The DKIM private key is not an RSA key in PEM form.");
  const std::string crlf = mime::to_crlf(message);
  Lib lib = make_lib();
  set_time(lib.get(), signing_time);
  static const char* kSigned[] = {"from", "to", "subject", "date", "message-id", "tls-report-domain",
                                  "tls-report-submitter", "mime-version", "content-type", nullptr};
  // OpenDKIM takes the list itself as `ptr` and the size of a char** as `len`.
  if (dkim_options(lib.get(), DKIM_OP_SETOPT, DKIM_OPTS_SIGNHDRS, kSigned, sizeof(char**)) != DKIM_STAT_OK)
    throw std::runtime_error("OpenDKIM refused the list of headers to sign.");
  std::string key = signer.private_key_pem;
  DKIM_STAT status = DKIM_STAT_OK;
  Handle dkim(dkim_sign(lib.get(), uc("tlsrpt-lab"), nullptr, uc(key), uc(signer.selector.c_str()),
                        uc(signer.domain.c_str()), DKIM_CANON_RELAXED, DKIM_CANON_RELAXED, DKIM_SIGN_RSASHA256, -1,
                        &status));
  if (!dkim) throw std::runtime_error(std::string("DKIM signing could not start: ") + dkim_getresultstr(status));
  feed(dkim.get(), split_message(crlf), "sign");
  if ((status = dkim_eom(dkim.get(), nullptr)) != DKIM_STAT_OK)
    throw std::runtime_error(std::string("DKIM signing failed: ") + dkim_getresultstr(status) +
                             " (is the private key a valid RSA PEM key?)");
  unsigned char* sig = nullptr;
  size_t sig_len = 0;
  static constexpr std::string_view kName = "DKIM-Signature: ";
  if (dkim_getsighdr_d(dkim.get(), kName.size(), &sig, &sig_len) != DKIM_STAT_OK || !sig)
    throw std::runtime_error("DKIM signing could not produce the signature header.");
  return std::string(kName) + mime::to_crlf(std::string_view(reinterpret_cast<char*>(sig), sig_len)) + "\r\n" + crlf;
}

DkimResult dkim_verify(std::string_view message, const KeyLookup& lookup, std::int64_t now) {
  DkimResult r;
  const std::string crlf = mime::to_crlf(message);
  const Split split = split_message(crlf);
  Lib lib = make_lib();
  set_time(lib.get(), now);
  dkim_set_key_lookup(lib.get(), lookup_key);
  DKIM_STAT status = DKIM_STAT_OK;
  Handle dkim(dkim_verify(lib.get(), uc("tlsrpt-lab"), nullptr, &status));
  if (!dkim) return failed(r, DkimFailure::syntax, std::string("DKIM verification could not start: ") + dkim_getresultstr(status));
  VerifyContext ctx{&lookup, std::nullopt};
  dkim_set_user_context(dkim.get(), &ctx);
  try {
    feed(dkim.get(), split, "verify");
  } catch (const std::exception& e) {
    return failed(r, DkimFailure::syntax, e.what());
  }
  status = dkim_eom(dkim.get(), nullptr);
  DKIM_SIGINFO* sig = dkim_getsignature(dkim.get());
  if (status == DKIM_STAT_NOSIG || !sig) {
    r.reason = "The message has no DKIM-Signature.";
    return r;
  }
  r.domain = str(dkim_sig_getdomain(sig));
  r.selector = str(dkim_sig_getselector(sig));
  r.key_services = ctx.services;
  r.key_allows_tlsrpt = !ctx.services || lists_service(*ctx.services, "*") || lists_service(*ctx.services, "tlsrpt");
  r.covers_tls_report_headers = dkim_sig_hdrsigned(sig, uc("tls-report-domain")) &&
                                dkim_sig_hdrsigned(sig, uc("tls-report-submitter"));
  const int error = dkim_sig_geterror(sig);
  if (!ctx.key_found || error == DKIM_SIGERROR_NOKEY || error == DKIM_SIGERROR_KEYFAIL)
    return failed(r, DkimFailure::key_missing,
                  "No DKIM key was found at " + r.selector + "._domainkey." + r.domain + ".");
  if (error != DKIM_SIGERROR_OK && error != DKIM_SIGERROR_BADSIG) {
    const bool key_problem = error >= DKIM_SIGERROR_KEYVERSION || error == DKIM_SIGERROR_DNSSYNTAX;
    return failed(r, key_problem ? DkimFailure::key_invalid : DkimFailure::syntax,
                  std::string("The DKIM signature cannot be checked: ") + dkim_sig_geterrorstr(error) + ".");
  }
  if (dkim_sig_getbh(sig) == DKIM_SIGBH_MISMATCH)
    return failed(r, DkimFailure::body_hash, "The body does not match the signature's body hash (bh=): it was changed.");
  if (!DKIM_SIG_CHECK(sig))
    return failed(r, DkimFailure::signature, "The DKIM signature does not verify: signed header fields were changed or the key does not match.");
  if (dkim_sig_gettagvalue(sig, false, uc("l")) != nullptr)
    return failed(r, DkimFailure::length_tag, "The DKIM signature uses l=, which RFC 8460 §3 forbids for reports.");
  r.status = DkimStatus::pass;
  return r;
}

}  // namespace tlsrpt
