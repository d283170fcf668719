// The shared AWS config and credentials files' reader, alone: bundled apart (dist/ini.js, about
// 18 KB) so that reading profiles loads neither the 2.3 MB SDK bundle nor anything at activation.
export { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
