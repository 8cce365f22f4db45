// SNI-selected TLS contexts for the HTTPS listener (server internals only). Clients handshake
// against base(); the servername callback swaps in the identity for the name they asked for.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <boost/asio/ssl/context.hpp>

#include "fakemx/http/server.hpp"

namespace tlsrpt::fakemx::http {

class TlsIdentities {
 public:
  TlsIdentities();
  boost::asio::ssl::context& base() { return base_; }
  void set(const std::string& server_name, const TlsIdentity& identity);

 private:
  static int on_servername(SSL* ssl, int* alert, void* arg);
  std::shared_ptr<boost::asio::ssl::context> pick(const std::string& name) const;

  boost::asio::ssl::context base_;
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<boost::asio::ssl::context>> by_name_;
  std::shared_ptr<boost::asio::ssl::context> first_;
};

}  // namespace tlsrpt::fakemx::http
