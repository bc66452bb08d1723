// ESLint for the browser scripts (ES modules) and their Node unit tests: `npm run lint`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["**/node_modules/**", ".venv/**", ".cache/**", "site/**", ".site-build/**", "benchmarks/out/**",
             "theme_overrides/assets/javascripts/vendor/**"] },
  js.configs.recommended,
  {
    files: ["theme_overrides/assets/javascripts/**/*.js", "build_tools/serve/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
    rules: { "no-var": "error", "prefer-const": "error", eqeqeq: ["error", "always"] },
  },
  {
    files: ["tests/js/**/*.mjs", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
];
