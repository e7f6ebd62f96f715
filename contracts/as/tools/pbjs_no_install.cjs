// Preloaded (node --require) into @koinos/abi-proto-gen when build.sh generates a contract's ABI.
//
// protobufjs 6's pbjs calls cli/util.js setup() on every run, which `npm install`s its "cliDependencies"
// into node_modules/protobufjs/cli/node_modules whenever the copies bundled in the package do not satisfy
// its own ranges (estraverse 4.3.0 is bundled, ^5.1.0 is declared). That is a network access at build
// time and a silent change of node_modules. The JSON target that abi-proto-gen uses needs none of those
// packages (minimist, chalk and uglify-js, pinned in package.json, and the copies bundled in protobufjs), so setup() is replaced by a no-op.
"use strict";
const path = require("path");

const abiGen = path.dirname(require.resolve("@koinos/abi-proto-gen/package.json", { paths: [process.cwd()] }));
const util = require(require.resolve("protobufjs/cli/util", { paths: [abiGen] }));
util.setup = function setup() {};
