#include "generators/mutators/gzip_edit.hpp"

#include <cstdint>

namespace tlsrpt::gen::mut {

std::optional<std::size_t> gzip_header_size(std::string_view gz) {
  if (gz.size() < 18 || static_cast<unsigned char>(gz[0]) != 0x1f || static_cast<unsigned char>(gz[1]) != 0x8b)
    return std::nullopt;
  const auto flags = static_cast<std::uint8_t>(gz[3]);
  std::size_t pos = 10;
  if (flags & 4) {  // FEXTRA
    if (pos + 2 > gz.size()) return std::nullopt;
    pos += 2 + (static_cast<std::uint8_t>(gz[pos]) | (static_cast<std::size_t>(static_cast<std::uint8_t>(gz[pos + 1])) << 8));
  }
  for (int bit : {8, 16}) {  // FNAME, FCOMMENT: zero-terminated
    if (!(flags & bit)) continue;
    const auto nul = gz.find('\0', pos);
    if (nul == std::string_view::npos) return std::nullopt;
    pos = nul + 1;
  }
  if (flags & 2) pos += 2;  // FHCRC
  if (pos > gz.size()) return std::nullopt;
  return pos;
}

}  // namespace tlsrpt::gen::mut
