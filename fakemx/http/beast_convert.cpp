#include "fakemx/http/beast_convert.hpp"

namespace tlsrpt::fakemx::http {

namespace bhttp = boost::beast::http;

Request from_beast(BeastRequest&& in) {
  Request out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  for (const auto& field : in) out.headers.push_back({std::string(field.name_string()), std::string(field.value())});
  out.body = std::move(in.body());
  return out;
}

BeastResponse to_beast(Response&& in, unsigned version, bool keep_alive) {
  BeastResponse out{static_cast<bhttp::status>(in.status), version};
  out.set(bhttp::field::server, "tlsrpt-lab");
  bool has_length = false;
  for (auto& h : in.headers) {
    if (iequals(h.name, "Content-Length")) has_length = true;
    out.insert(h.name, h.value);
  }
  out.body() = std::move(in.body);
  out.keep_alive(keep_alive);
  if (!has_length) out.prepare_payload();
  return out;
}

}  // namespace tlsrpt::fakemx::http
