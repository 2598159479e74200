/**
 * The AdaIN style translator as an ONNX model ({@link TranslatorExporter}): inputs {@code content},
 * {@code style} and {@code alpha}, output {@code translated}; docs/style-transfer.md describes the contract.
 */
package io.adaptseg.export.translator;
