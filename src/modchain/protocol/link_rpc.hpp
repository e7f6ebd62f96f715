#pragma once
/// Every generated koinos type by name (library modchain::protocol_rpc).
///
/// Generated message types register their descriptors at static-initialisation time, but a static
/// library's object file is only linked when something references it. Code that looks messages up by
/// name (the JSON-RPC dispatcher: `koinos.rpc.<service>.<method>_request`) uses make_message(), which
/// references every generated file so that DescriptorPool::generated_pool() knows every koinos type.

#include <memory>
#include <string_view>

#include "modchain/util/error.hpp"

namespace google::protobuf {
class Message;
}

namespace modchain::protocol {

/// References one type of every generated koinos file (core, contracts, rpc, services); idempotent, cheap.
void link_all_generated_types();

/// A new, empty message of the generated type `full_name` (e.g. "koinos.rpc.chain.get_head_info_request").
/// Unknown names are `not_found` errors naming the type.
util::Result<std::unique_ptr<google::protobuf::Message>> make_message(std::string_view full_name);

}  // namespace modchain::protocol
