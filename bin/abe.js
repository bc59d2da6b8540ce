#!/usr/bin/env node
// The binary is bin/abe.cjs. npx keeps, per project directory, links made by an earlier
// install, and those still point here: run the real entry rather than fail with "not found".
import './abe.cjs';
