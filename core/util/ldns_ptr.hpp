// Owning handles for ldns objects (its C API), so every exit path frees them. Shared by the fake
// DNS server and the sender's resolver; only targets that link ldns include this header.
#pragma once

#include <memory>  // before ldns: ldns/common.h defines `bool` as a macro in C++

#include <ldns/ldns.h>

namespace tlsrpt::ldns {

struct PktFree { void operator()(ldns_pkt* p) const { ldns_pkt_free(p); } };
struct RdfFree { void operator()(ldns_rdf* p) const { ldns_rdf_deep_free(p); } };
struct RrFree { void operator()(ldns_rr* p) const { ldns_rr_free(p); } };
struct ListDeepFree { void operator()(ldns_rr_list* p) const { ldns_rr_list_deep_free(p); } };
struct ListFree { void operator()(ldns_rr_list* p) const { ldns_rr_list_free(p); } };  // not the RRs
struct KeyFree { void operator()(ldns_key* p) const { ldns_key_deep_free(p); } };
struct KeyListFree { void operator()(ldns_key_list* p) const { ldns_key_list_free(p); } };
struct ZoneFree { void operator()(ldns_zone* p) const { ldns_zone_deep_free(p); } };
struct ResolverFree { void operator()(ldns_resolver* p) const { ldns_resolver_deep_free(p); } };

using Pkt = std::unique_ptr<ldns_pkt, PktFree>;
using Rdf = std::unique_ptr<ldns_rdf, RdfFree>;
using Rr = std::unique_ptr<ldns_rr, RrFree>;
using OwnedList = std::unique_ptr<ldns_rr_list, ListDeepFree>;  // frees the RRs too
using ViewList = std::unique_ptr<ldns_rr_list, ListFree>;       // the RRs belong elsewhere
using Key = std::unique_ptr<ldns_key, KeyFree>;
using KeyList = std::unique_ptr<ldns_key_list, KeyListFree>;
using Zone = std::unique_ptr<ldns_zone, ZoneFree>;
using ResolverPtr = std::unique_ptr<ldns_resolver, ResolverFree>;

}  // namespace tlsrpt::ldns
