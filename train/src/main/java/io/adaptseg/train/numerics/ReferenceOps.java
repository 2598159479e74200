package io.adaptseg.train.numerics;

/**
 * Convolution and batch norm, forward and backward, as plain loops in double precision: the
 * independent computation the {@link ConvolutionCheck} holds PyTorch's kernels to. Arrays are flat
 * NCHW (weights OIHW); no code is shared with any native library.
 */
final class ReferenceOps {
    private ReferenceOps() {
    }

    /** A 2-D convolution without bias or groups: square stride, padding and dilation. */
    record Conv(int n, int c, int h, int w, int out, int k, int stride, int pad, int dilation) {
        int outH() {
            return (h + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        }

        int outW() {
            return (w + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
        }

        long[] inputShape() {
            return new long[] {n, c, h, w};
        }

        long[] weightShape() {
            return new long[] {out, c, k, k};
        }

        long[] outputShape() {
            return new long[] {n, out, outH(), outW()};
        }

        @Override
        public String toString() {
            return "conv " + c + "->" + out + " " + k + "x" + k + "/" + stride + " dilation " + dilation
                    + " on " + n + "x" + c + "x" + h + "x" + w;
        }
    }

    /** Output, input gradient and weight gradient of {@code conv} for upstream gradient {@code g}. */
    record ConvResult(double[] y, double[] dx, double[] dw) {
    }

    static ConvResult convolution(Conv cv, float[] x, float[] wt, float[] g) {
        int oh = cv.outH();
        int ow = cv.outW();
        double[] y = new double[cv.n() * cv.out() * oh * ow];
        double[] dx = new double[x.length];
        double[] dw = new double[wt.length];
        for (int n = 0; n < cv.n(); n++) {
            for (int o = 0; o < cv.out(); o++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int yi = ((n * cv.out() + o) * oh + i) * ow + j;
                        double sum = 0;
                        double up = g[yi];
                        for (int c = 0; c < cv.c(); c++) {
                            for (int a = 0; a < cv.k(); a++) {
                                int r = i * cv.stride() - cv.pad() + a * cv.dilation();
                                if (r < 0 || r >= cv.h()) {
                                    continue;
                                }
                                for (int b = 0; b < cv.k(); b++) {
                                    int s = j * cv.stride() - cv.pad() + b * cv.dilation();
                                    if (s < 0 || s >= cv.w()) {
                                        continue;
                                    }
                                    int xi = ((n * cv.c() + c) * cv.h() + r) * cv.w() + s;
                                    int wi = ((o * cv.c() + c) * cv.k() + a) * cv.k() + b;
                                    sum += (double) x[xi] * wt[wi];
                                    dx[xi] += up * wt[wi];
                                    dw[wi] += up * x[xi];
                                }
                            }
                        }
                        y[yi] = sum;
                    }
                }
            }
        }
        return new ConvResult(y, dx, dw);
    }

    /** Output, input gradient, scale gradient and shift gradient of training-mode batch norm. */
    record NormResult(double[] y, double[] dx, double[] dGamma, double[] dBeta) {
    }

    /** Batch norm with batch statistics (biased variance), as in training, for NCHW {@code x}. */
    static NormResult batchNorm(int n, int c, int hw, float[] x, float[] gamma, float[] beta, float[] g, double eps) {
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        double[] dGamma = new double[c];
        double[] dBeta = new double[c];
        int count = n * hw;
        for (int ch = 0; ch < c; ch++) {
            double mean = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < hw; p++) {
                    mean += x[(b * c + ch) * hw + p];
                }
            }
            mean /= count;
            double var = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < hw; p++) {
                    double d = x[(b * c + ch) * hw + p] - mean;
                    var += d * d;
                }
            }
            var /= count;
            double inv = 1 / Math.sqrt(var + eps);
            double sumG = 0;
            double sumGx = 0;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < hw; p++) {
                    int i = (b * c + ch) * hw + p;
                    double xhat = (x[i] - mean) * inv;
                    y[i] = gamma[ch] * xhat + beta[ch];
                    sumG += g[i];
                    sumGx += g[i] * xhat;
                }
            }
            dGamma[ch] = sumGx;
            dBeta[ch] = sumG;
            for (int b = 0; b < n; b++) {
                for (int p = 0; p < hw; p++) {
                    int i = (b * c + ch) * hw + p;
                    double xhat = (x[i] - mean) * inv;
                    dx[i] = gamma[ch] * inv * (g[i] - sumG / count - xhat * sumGx / count);
                }
            }
        }
        return new NormResult(y, dx, dGamma, dBeta);
    }

    /**
     * ‖actual − expected‖ / ‖expected‖ over all elements; infinite when {@code actual} holds a NaN or
     * an infinity, so that non-finite results always fail.
     */
    static double relativeError(float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return Double.POSITIVE_INFINITY;
        }
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < actual.length; i++) {
            if (!Float.isFinite(actual[i])) {
                return Double.POSITIVE_INFINITY;
            }
            double d = actual[i] - expected[i];
            diff += d * d;
            norm += expected[i] * expected[i];
        }
        return Math.sqrt(diff / Math.max(norm, 1e-300));
    }
}
