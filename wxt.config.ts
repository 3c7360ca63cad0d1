import { defineConfig } from 'wxt';

/**
 * The public half of the extension's signing key. It fixes the Chrome/Edge extension id to
 * `ijmijnmigcajjoompdhojokndhaekodo` so that IT can write policy before installing
 * (INTERFACES §3). The private half is not in the repository: the agency supplies its own
 * when it packs a CRX.
 */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA4iyl60PP559/CrreOsvsBhFf2Mj5CJ1o156oLgtMCYq2BCZjvnYcV4AetFwelHir793NuBLa0gZH6CYSrNrbsm7IQqvzZAGza9xTKRBBX9tPh7rn4k6WBQqdgvXNzrv57Va7cXU/Q84phusVbgEaW8CzBDh9TWn7gzkFo1IVK1AZUHFEeoklD/uQX0kLaZXDCMlmiGMmdlbR81+n0R802W3k+rrAkFl3RU+ehbTpx4GcbemIvf0KhWPRLBCUw+4uXX0w/Pa47/32poXW5Zoh/clS9XEdliqyvQau30VaKy1GFa8ygyNv8EOyAhrZu05nufZofuCJ+a+OOoHsXKJoAwIDAQAB';

/**
 * The Firefox add-on id (gecko id). Firefox policy is keyed by it (`3rdparty` → `Extensions`
 * → this id), so it is fixed here and written in README and the admin pack.
 */
export const GECKO_ID = 'jaga-netral@jaganetral.id';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Jaga Netral',
    description: '__MSG_extDescription__',
    default_locale: 'id',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              // 140: the first ESR that knows data_collection_permissions.
              strict_min_version: '140.0',
              // Nothing is sent to the developer or anyone else. Audit reporting, when an
              // organisation's policy turns it on, goes to that organisation's own server
              // and the popup says so (README, "Audit reporting").
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { key: EXTENSION_KEY }),
    permissions: ['storage', 'alarms', 'unlimitedStorage'],
    // List servers are unknown at build time. A list server that sends
    // Access-Control-Allow-Origin needs no permission; otherwise the options page asks for
    // the one origin the user adds. The six social sites come from the content scripts.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: 'Jaga Netral' },
  }),
  vite: () => ({
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
