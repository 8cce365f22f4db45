// A parser that inflates a gzip report without a size cap and widens it to UTF-32 before looking
// at it: four bytes of memory per inflated byte, whatever the compressed size was.
#include <zlib.h>

#include <string>

#include "read_input.hpp"

int main(int argc, char** argv) {
  auto gz = read_input(argc, argv);
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) return 2;
  z.next_in = reinterpret_cast<Bytef*>(gz.data());
  z.avail_in = static_cast<uInt>(gz.size());
  std::u32string text;
  unsigned char chunk[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = chunk;
    z.avail_out = sizeof chunk;
    rc = inflate(&z, Z_NO_FLUSH);
    for (std::size_t i = 0; i < sizeof chunk - z.avail_out; ++i) text.push_back(chunk[i]);
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END) {
    std::cerr << "error: not a gzip member\n";
    return 1;
  }
  std::cout << "inflated " << text.size() << " characters\n";
  return 0;
}
