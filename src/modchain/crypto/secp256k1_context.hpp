#pragma once
/// Private to the crypto layer (not installed with its public headers): the one libsecp256k1 context
/// shared by signing, recovery and VRF code.

struct secp256k1_context_struct;

namespace modchain::crypto::detail {

/// The shared context, created and randomized on first use. libsecp256k1 only reads a context after
/// creation, so every thread may use it; randomization blinds secret-key operations and does not change
/// any result.
const secp256k1_context_struct* secp256k1_context();

}  // namespace modchain::crypto::detail
