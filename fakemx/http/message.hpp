// HTTP requests and responses as plain values, so that handlers (policy server, report sink) and
// their tests never see Beast or Asio. The server in server.hpp turns bytes into these and back.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsrpt::fakemx::http {

struct Header {
  std::string name;
  std::string value;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // "/.well-known/mta-sts.txt?x=1" as sent
  std::vector<Header> headers;
  std::string body;
  std::string remote_ip;  // peer address as text
  std::string sni;        // TLS server name the client asked for ("" without SNI or TLS)
  bool tls = false;

  // The first header of that name (case-insensitive), or nullopt.
  std::optional<std::string_view> header(std::string_view name) const;
  // Target without the query string.
  std::string_view path() const;
  // Host header without a port, lower-cased ("" when absent).
  std::string host() const;
};

// What the server does with a response: send it, or hold the connection open without answering
// until the hang deadline (the "timeout" fault), or close it without a word.
enum class Disposition { respond, hang, close };

struct Response {
  int status = 200;
  std::vector<Header> headers;  // Content-Length is set by the server unless given here
  std::string body;
  Disposition disposition = Disposition::respond;
  bool keep_alive = true;  // false: "Connection: close" and close after writing

  static Response text(int status, std::string body, std::string content_type = "text/plain");
  static Response hang();
  Response& with(std::string name, std::string value);
};

using Handler = std::function<Response(const Request&)>;

// Case-insensitive ASCII comparison of header names and media types.
bool iequals(std::string_view a, std::string_view b);

}  // namespace tlsrpt::fakemx::http
