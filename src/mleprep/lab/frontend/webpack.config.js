// Module and chunk ids named from paths relative to this folder: the build is then the same in any
// checkout, so the test command can compare a fresh build with the shipped one byte for byte.
module.exports = {
  output: { pathinfo: false },
  optimization: { moduleIds: 'named', chunkIds: 'named' }
};
