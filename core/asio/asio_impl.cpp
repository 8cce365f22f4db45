// Boost.Asio and Beast are compiled once here (BOOST_ASIO_SEPARATE_COMPILATION) instead of in every
// translation unit that includes them: this is what keeps the build of the servers fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
