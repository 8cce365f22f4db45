// Owning handles for ldns objects (C API), so every exit path frees them.
#pragma once

#include <memory>

#include <ldns/ldns.h>  // after <memory>: ldns/common.h defines `bool` as a macro in C++

namespace tlsrpt::sim::ldns {

struct PktFree { void operator()(ldns_pkt* p) const { ldns_pkt_free(p); } };
struct RdfFree { void operator()(ldns_rdf* r) const { ldns_rdf_deep_free(r); } };
struct RrFree { void operator()(ldns_rr* r) const { ldns_rr_free(r); } };
struct ListDeepFree { void operator()(ldns_rr_list* l) const { ldns_rr_list_deep_free(l); } };
struct ListFree { void operator()(ldns_rr_list* l) const { ldns_rr_list_free(l); } };  // not the RRs
struct ResolverFree { void operator()(ldns_resolver* r) const { ldns_resolver_deep_free(r); } };

using Pkt = std::unique_ptr<ldns_pkt, PktFree>;
using Rdf = std::unique_ptr<ldns_rdf, RdfFree>;
using Rr = std::unique_ptr<ldns_rr, RrFree>;
using OwnedList = std::unique_ptr<ldns_rr_list, ListDeepFree>;
using ViewList = std::unique_ptr<ldns_rr_list, ListFree>;
using ResolverPtr = std::unique_ptr<ldns_resolver, ResolverFree>;

}  // namespace tlsrpt::sim::ldns
