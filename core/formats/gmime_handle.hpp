// GMime 3 plumbing for the report-mail parser: one-time, thread-safe library initialisation and an
// owning handle for GObjects so every early return releases what it holds.
#pragma once

#include <gmime/gmime.h>

#include <memory>

namespace tlsrpt::gmime {

// Calls g_mime_init() exactly once per process, from whichever thread gets here first.
void ensure_initialised();

struct Unref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <class T>
using Handle = std::unique_ptr<T, Unref>;

struct FreeOptions {
  void operator()(GMimeParserOptions* o) const {
    if (o) g_mime_parser_options_free(o);
  }
};
using OptionsHandle = std::unique_ptr<GMimeParserOptions, FreeOptions>;

}  // namespace tlsrpt::gmime
