// The control endpoint for use outside the runner, in the manner of challtestsrv: HTTP/1.1 on its own
// port, JSON in and out, one request per connection.
//
//   POST /add-record    {"name":"mx3.example.test.","type":"A","ttl":300,"rdata":"127.0.0.27"}
//   POST /set-record    {"name":"example.test.","type":"MX","ttl":300,"rdata":["10 mx2.example.test."]}
//   POST /clear-record  {"name":"mx3.example.test.","type":"A"}
//   POST /add-fault     {"kind":"servfail","name":"mx1.example.test.","type":"A","probability":1,"count":3,"delay_ms":1500}
//   POST /clear-faults  {}
//   GET  /faults
//   GET  /query-log?name=mx1.example.test.      (every query when name is absent)
//   POST /clear-query-log {}
//   GET  /trust-anchors
//
// Answers: 200 with a JSON object, 400 {"error": "..."} for bad input, 404 for an unknown path.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace tlsrpt::fakedns {
class Server;
}

namespace tlsrpt::fakedns::detail {

class HttpControl {
 public:
  HttpControl(Server& server, const std::string& address, std::uint16_t port);  // throws on bind
  ~HttpControl();
  std::uint16_t port() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The transport-free part: method, target and body in, status and JSON body out.
struct ControlReply {
  int status = 200;
  std::string body;
};
ControlReply handle_control(Server& server, const std::string& method, const std::string& target,
                            const std::string& body);

}  // namespace tlsrpt::fakedns::detail
