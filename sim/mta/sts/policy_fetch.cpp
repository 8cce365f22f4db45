#include "sim/mta/sts/policy_fetch.hpp"

#include <memory>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "sim/mta/https/http_response.hpp"
#include "sim/mta/smtp/connection.hpp"
#include "sim/mta/smtp/tls_classify.hpp"

namespace tlsrpt::sim {
namespace {

struct CtxFree { void operator()(SSL_CTX* c) const { SSL_CTX_free(c); } };

int first_error_index() {
  static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
  return index;
}

int keep_first(int ok, X509_STORE_CTX* store) {
  if (!ok) {
    auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto* first = static_cast<long*>(SSL_get_ex_data(ssl, first_error_index()));
    if (first && *first == X509_V_OK) *first = X509_STORE_CTX_get_error(store);
  }
  return ok;  // a WebPKI failure aborts the fetch
}

PolicyFetchResult failed(ResultType type, std::string reason, int status = 0) {
  PolicyFetchResult r;
  r.failure = type;
  r.reason = std::move(reason);
  r.status = status;
  return r;
}

std::vector<std::string> split_lines(const std::string& body) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    std::string line = body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

}  // namespace

PolicyFetchResult fetch_sts_policy(const PolicyFetchOptions& o) {
  const std::string host = "mta-sts." + o.domain;
  smtp::Connection conn(o.timeout);
  if (!conn.connect(o.source_address, o.address, o.port))
    return failed(ResultType::sts_policy_fetch_error, "connect: " + conn.error());

  std::unique_ptr<SSL_CTX, CtxFree> ctx(SSL_CTX_new(TLS_client_method()));
  if (!ctx || SSL_CTX_load_verify_locations(ctx.get(), o.ca_file.c_str(), nullptr) != 1)
    return failed(ResultType::sts_policy_fetch_error, "cannot load the WebPKI roots " + o.ca_file);
  SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
  SSL* ssl = SSL_new(ctx.get());
  SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, const_cast<char*>(host.c_str()));
  X509_VERIFY_PARAM_set_time(SSL_get0_param(ssl), static_cast<time_t>(o.verify_time));
  SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
  SSL_set1_host(ssl, host.c_str());
  SSL_set_verify(ssl, SSL_VERIFY_PEER, keep_first);
  long first_error = X509_V_OK;
  SSL_set_ex_data(ssl, first_error_index(), &first_error);
  const bool ok = conn.start_tls(ssl);
  SSL_set_ex_data(ssl, first_error_index(), nullptr);
  if (!ok) {
    if (first_error != X509_V_OK) return failed(ResultType::sts_webpki_invalid, x509_error_name(first_error));
    return failed(ResultType::sts_policy_fetch_error, "tls-handshake-failure: " + conn.error());
  }

  const std::string request = "GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + host +
                              "\r\nUser-Agent: tlsrpt-lab-sim\r\nAccept: text/plain\r\nConnection: close\r\n\r\n";
  if (!conn.send_raw(request)) return failed(ResultType::sts_policy_fetch_error, conn.error());

  HttpResponse res = read_http_response(conn, o.max_body, 4 * o.timeout);
  if (res.body_too_large)
    return failed(ResultType::sts_policy_invalid, "policy larger than " + std::to_string(o.max_body) + " bytes");
  if (!res.complete) return failed(ResultType::sts_policy_fetch_error, res.error);
  const int status = res.status;
  if (status != 200)  // RFC 8461 §3.3: 200 only, redirects are not followed
    return failed(ResultType::sts_policy_fetch_error, "HTTP status " + std::to_string(status), status);
  const std::string& type = res.content_type;
  if (o.require_text_plain && type.substr(0, type.find(';')) != "text/plain") {
    auto r = failed(ResultType::sts_policy_invalid, "media type is not text/plain: " + type, status);
    r.lines = split_lines(res.body);
    return r;
  }
  auto parsed = parse_sts_policy(res.body);
  PolicyFetchResult r;
  r.status = status;
  r.lines = split_lines(res.body);
  if (!parsed.ok()) {
    r.failure = ResultType::sts_policy_invalid;
    r.reason = describe(parsed.errors);
    return r;
  }
  r.policy = std::move(parsed.value);
  return r;
}

}  // namespace tlsrpt::sim
