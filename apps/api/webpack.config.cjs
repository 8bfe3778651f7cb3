const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('node:path');

// Nest needs decorator metadata, which esbuild cannot emit: the API is bundled with webpack + tsc.
// node_modules stay external, so native addons (better-sqlite3, argon2) load from node_modules.
module.exports = {
  output: { path: join(__dirname, '../../dist/apps/api'), clean: true },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      // Minutes PDFs render in a worker thread, which loads this bundle from beside main.js (MinutesPdfRenderer).
      // `./phonghop verify-votes` runs verify-votes.js: the result chain checked straight from the database.
      additionalEntryPoints: [
        { entryName: 'minutes-pdf.worker', entryPath: '../../libs/server/minutes/src/render/minutes-pdf.worker.ts' },
        { entryName: 'verify-votes', entryPath: './src/verify-votes.ts' },
        // `./phonghop backup` / `restore`: the database and DATA_DIR's files, beside a running server.
        { entryName: 'backup', entryPath: './src/backup.ts' },
        // A person's notes drawn into a document (AnnotatedPdfRenderer).
        { entryName: 'annotated-pdf.worker', entryPath: '../../libs/server/annotations/src/render/annotated-pdf.worker.ts' },
        // Annotations carried to a new document version (Reanchoring).
        { entryName: 'reanchor.worker', entryPath: '../../libs/server/annotations/src/reanchor/reanchor.worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      typeCheck: false,
    }),
  ],
};
