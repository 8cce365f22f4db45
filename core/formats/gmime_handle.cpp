#include "core/formats/gmime_handle.hpp"

#include <mutex>

namespace tlsrpt::gmime {

void ensure_initialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace tlsrpt::gmime
