#pragma once
/// Keeps every generated koinos file in the link (library modchain::protocol_rpc).
///
/// Generated message types register their descriptors at static-initialisation time, but a static
/// library's object file is only linked when something references it. Code that looks messages up by
/// name (the JSON-RPC dispatcher: `koinos.rpc.<service>.<method>_request`) calls this once so that
/// DescriptorPool::generated_pool() knows every koinos type.

namespace modchain::protocol {

/// References one type of every generated koinos file (core, contracts, rpc, services); idempotent, cheap.
void link_all_generated_types();

}  // namespace modchain::protocol
