#!/usr/bin/env bash
# Writes the per-project boilerplate (tsconfig, jest config, project.json) for a lib or app.
# Then add the lib's alias to tsconfig.base.json and .swcrc.
# usage: tools/scaffold-project.sh <root> <name> <tags...>   e.g. libs/contracts contracts type:contracts scope:shared
set -euo pipefail
root=$1; name=$2; shift 2
up=$(echo "$root" | sed -E 's#[^/]+#..#g')
tags=$(printf '"%s",' "$@"); tags=${tags%,}
type=library; [[ $root == apps/* ]] && type=application
mkdir -p "$root/src"
cat > "$root/tsconfig.json" <<JSON
{
  "extends": "$up/tsconfig.base.json",
  "compilerOptions": { "noEmit": true },
  "include": ["**/*.ts"]
}
JSON
cat > "$root/jest.config.js" <<JS
module.exports = {
  displayName: '$name',
  preset: '$up/jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.spec.ts', '<rootDir>/**/*.integration-spec.ts', '<rootDir>/**/*.e2e-spec.ts'],
};
JS
targets="\"lint\": { \"command\": \"eslint $root --max-warnings 0\" },
    \"typecheck\": { \"command\": \"tsc -p $root/tsconfig.json --noEmit\" },
    \"test\": { \"command\": \"jest -c $root/jest.config.js\" }"
if [[ $type == application ]]; then
  targets="$targets,
    \"serve\": { \"command\": \"node -r @swc-node/register $root/src/main.ts\", \"continuous\": true },
    \"build\": { \"command\": \"swc $root/src $root/migrations libs --out-dir dist/$name --config-file .swcrc --ignore '**/jest.config.js' --ignore '**/test/**'\", \"outputs\": [\"{workspaceRoot}/dist/$name\"] }"
fi
cat > "$root/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "$up/node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$root/src",
  "projectType": "$type",
  "tags": [$tags],
  "targets": {
    $targets
  }
}
JSON
