// Asio coroutines, included first by every file that writes one (internal to generators/).
#pragma once

#include <utility>  // before Asio 1.74's awaitable.hpp, which uses std::exchange unincluded
#include <boost/asio/awaitable.hpp>

// GCC 12 flags every Asio coroutine frame's sized operator delete as mismatched with its
// operator new: a known false positive for coroutine frames, so it is off where coroutines live.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
