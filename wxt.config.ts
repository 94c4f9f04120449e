import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See README "Permissions" for why each one is needed.
export default defineConfig({
  // Separate outputs let parallel test runs build without clobbering each other.
  outDir: process.env.PAPERSHELF_OUT_DIR ?? '.output',
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Papershelf',
    description: 'Save, highlight and export papers from huggingface.co/papers. Your library stays in your browser.',
    // `scripting` (Chrome only): re-inject the content script into papers tabs open at install/update;
    // Firefox does that itself.
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'alarms', ...(browser === 'firefox' ? [] : ['scripting'])],
    // Stricter than the MV3 default (no 'wasm-unsafe-eval'), and stated so no build step can loosen it.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    host_permissions: ['https://huggingface.co/*'],
    commands: {
      'save-paper': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the paper of the current page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'papershelf@papershelf.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
