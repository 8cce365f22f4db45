// One SMTP connection (internal): the thin socket shell around Protocol. Every read, write and
// handshake runs under a deadline; STARTTLS upgrades the same TCP socket in place.
#pragma once

#include <boost/asio/ip/tcp.hpp>

#include <memory>

#include "fakemx/smtp/host_state.hpp"

namespace tlsrpt::fakemx::smtp::detail {

// Takes over the accepted socket and runs the session to its end on the socket's executor.
void run_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<HostState> host);

}  // namespace tlsrpt::fakemx::smtp::detail
