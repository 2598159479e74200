package io.adaptseg.synth;

import io.adaptseg.core.image.RgbImage;
import io.adaptseg.core.labels.CityscapesClass;

/**
 * Paints a drawn {@link SceneCanvas} in a {@link DomainStyle}: per pixel the class colour (or the
 * object's paint), the part's shade, a class texture made of value noise at two scales, then the
 * style's camera: illumination, haze, saturation, contrast, gamma, colour cast, vignette, blur and
 * sensor noise. Pure function of (canvas, style, seed): all randomness is hashed from the seed.
 */
final class SceneRenderer {
    // texture amplitudes per trainId: coarse blotches, fine grain
    private static final float[] COARSE = {0.10f, 0.08f, 0.14f, 0.10f, 0.08f, 0.04f, 0.02f, 0.02f,
        0.30f, 0.22f, 0.10f, 0.05f, 0.05f, 0.03f, 0.05f, 0.04f, 0.05f, 0.04f, 0.04f};
    private static final float[] FINE = {0.07f, 0.05f, 0.05f, 0.06f, 0.06f, 0.03f, 0.02f, 0.02f,
        0.28f, 0.16f, 0.00f, 0.04f, 0.04f, 0.02f, 0.03f, 0.02f, 0.02f, 0.03f, 0.03f};
    private static final int PERSON = CityscapesClass.PERSON.trainId();
    private static final int RIDER = CityscapesClass.RIDER.trainId();
    private static final int SKY = CityscapesClass.SKY.trainId();
    private static final int FENCE = CityscapesClass.FENCE.trainId();
    private static final int WALL = CityscapesClass.WALL.trainId();
    private static final int ROAD = CityscapesClass.ROAD.trainId();
    private static final int LIGHT = CityscapesClass.TRAFFIC_LIGHT.trainId();
    private static final int SIGN = CityscapesClass.TRAFFIC_SIGN.trainId();
    /** Classes painted with a vehicle paint per object. */
    private static final boolean[] PAINTED = new boolean[19];

    static {
        for (CityscapesClass k : new CityscapesClass[] {CityscapesClass.CAR, CityscapesClass.TRUCK,
            CityscapesClass.MOTORCYCLE, CityscapesClass.BICYCLE}) {
            PAINTED[k.trainId()] = true;
        }
    }

    private SceneRenderer() {
    }

    static RgbImage render(SceneCanvas canvas, DomainStyle style, long seed) {
        int w = canvas.width;
        int h = canvas.height;
        int n = w * h;
        float cellScale = (float) (w / 512.0);
        float[] coarse = valueNoise(w, h, Math.max(2, (int) (style.textureCell() * cellScale)), Hash.mix(seed, 1));
        float[] fine = valueNoise(w, h, Math.max(2, (int) (3 * cellScale)), Hash.mix(seed, 2));
        int instances = canvas.instanceCount();
        float[] tint = new float[instances];
        int[] paint = new int[instances];
        int[] second = new int[instances];
        for (int i = 0; i < instances; i++) {
            tint[i] = 1 + (float) (style.instanceJitter() * Hash.signed(seed, 3, i));
            paint[i] = (int) Hash.below(seed, 4L << 32 | i, 1 << 20);
            second[i] = (int) Hash.below(seed, 5L << 32 | i, 1 << 20);
        }
        float illum = 1 + (float) (style.illuminationJitter() * Hash.signed(seed, 6, 0));
        float[] base = rgbTable(style.classColours());
        float[] paints = rgbTable(style.paints());
        float[] clothes = rgbTable(style.clothing());
        float[] skin = rgbTable(new int[] {style.skin()});
        float[] hazeColour = rgbTable(new int[] {style.hazeColour()});
        float texture = (float) style.texture();
        float sat = (float) style.saturation();
        float contrast = (float) style.contrast();
        float bright = (float) style.brightness();
        float invGamma = (float) style.gamma();
        float[] cast = {(float) style.cast()[0], (float) style.cast()[1], (float) style.cast()[2]};
        float haze = (float) style.haze();
        float horizon = (float) canvas.horizon;
        float hazeSpread = 0.12f * h;
        float vignette = (float) style.vignette();
        // gamma through a table: pow per pixel and channel would dominate the render time
        byte[] tone = new byte[1024];
        for (int i = 0; i < tone.length; i++) {
            double v = i / 1023.0;
            tone[i] = (byte) Math.round(255 * Math.pow(v, invGamma));
        }

        byte[] out = new byte[n * 3];
        float[] c = new float[3];
        float[] cached = new float[3];
        int cachedKey = -1;
        for (int y = 0; y < h; y++) {
            float hazeRow = haze * (float) Math.exp(-Math.abs(y + 0.5f - horizon) / hazeSpread);
            float skyT = Math.min(1f, Math.max(0f, (y + 0.5f) / Math.max(1f, horizon)));
            float vy = (y + 0.5f) / h - 0.5f;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int cls = canvas.label[i] & 0xff;
                int inst = canvas.instance[i];
                byte shade = canvas.shade[i];
                float k = coarse[i];
                float f = fine[i];
                if (cls == 255) {
                    // the recording car's bonnet: dark paint with a soft reflection of the street
                    float v = 28 + 10 * k;
                    c[0] = v;
                    c[1] = v + 2;
                    c[2] = v + 5;
                } else {
                    // runs of one part of one object are long: look its colour up once per run
                    int key = cls << 24 | inst << 8 | (shade & 0xff);
                    if (key != cachedKey) {
                        colour(cls, inst, shade, base, paints, clothes, skin, paint, second, cached);
                        cachedKey = key;
                    }
                    c[0] = cached[0];
                    c[1] = cached[1];
                    c[2] = cached[2];
                    float t = tint[inst];
                    float amp = 1 + texture * (COARSE[cls] * k + FINE[cls] * f);
                    if (cls == SKY) {
                        // brighter towards the horizon, clouds from the coarse noise
                        float lift = 0.35f * skyT * skyT + texture * 0.4f * Math.max(0f, k);
                        for (int ch = 0; ch < 3; ch++) {
                            c[ch] = c[ch] + (245 - c[ch]) * Math.min(1f, lift);
                        }
                        amp = 1;
                    } else if (cls == FENCE && shade == SceneCanvas.BASE && ((x + y) % 5 != 0 && (x - y + 5 * w) % 5 != 0)) {
                        amp *= 0.55f; // the gaps of the mesh
                    } else if (cls == WALL && shade == SceneCanvas.BASE && y % 4 == 0) {
                        amp *= 0.85f; // courses of stone
                    }
                    float g = t * amp * illum;
                    c[0] *= g;
                    c[1] *= g;
                    c[2] *= g;
                    if (cls != SKY) {
                        c[0] += (hazeColour[0] - c[0]) * hazeRow;
                        c[1] += (hazeColour[1] - c[1]) * hazeRow;
                        c[2] += (hazeColour[2] - c[2]) * hazeRow;
                    }
                }
                float lum = 0.299f * c[0] + 0.587f * c[1] + 0.114f * c[2];
                float vx = (x + 0.5f) / w - 0.5f;
                float vig = 1 - vignette * (vx * vx + vy * vy) * 2;
                for (int ch = 0; ch < 3; ch++) {
                    float v = lum + sat * (c[ch] - lum);
                    v = 128 + contrast * (v - 128) + bright;
                    v = v * cast[ch] * vig;
                    int idx = (int) (v * (1023f / 255f));
                    out[i * 3 + ch] = tone[Math.max(0, Math.min(1023, idx))];
                }
            }
        }
        if (style.blur() > 0) {
            out = boxBlur(out, w, h, style.blur());
        }
        if (style.noise() > 0) {
            addNoise(out, (float) style.noise(), Hash.mix(seed, 7));
        }
        return new RgbImage(w, h, out);
    }

    /** The unlit colour of one pixel from its class, object and part. */
    private static void colour(int cls, int inst, byte shade, float[] base, float[] paints,
            float[] clothes, float[] skin, int[] paint, int[] second, float[] c) {
        float[] table = base;
        int entry = cls;
        boolean painted = PAINTED[cls];
        boolean dressed = cls == PERSON || cls == RIDER;
        if (painted) {
            table = paints;
            entry = paint[inst] % (paints.length / 3);
        } else if (dressed) {
            table = clothes;
            entry = paint[inst] % (clothes.length / 3);
        }
        c[0] = table[entry * 3];
        c[1] = table[entry * 3 + 1];
        c[2] = table[entry * 3 + 2];
        switch (shade) {
            case SceneCanvas.DARK -> scale(c, 0.25f, 12);
            case SceneCanvas.SIDE -> scale(c, 0.75f, 0);
            case SceneCanvas.SEAM -> scale(c, 0.7f, 0);
            case SceneCanvas.GLASS -> {
                c[0] = 30 + 0.15f * c[0];
                c[1] = 38 + 0.15f * c[1];
                c[2] = 50 + 0.15f * c[2];
            }
            case SceneCanvas.SECOND -> {
                if (painted || dressed) {
                    float[] t = dressed ? clothes : paints;
                    int e = second[inst] % (t.length / 3);
                    c[0] = t[e * 3] * 0.8f;
                    c[1] = t[e * 3 + 1] * 0.8f;
                    c[2] = t[e * 3 + 2] * 0.8f;
                } else {
                    scale(c, 0.65f, 0);
                }
            }
            case SceneCanvas.BRIGHT -> {
                if (dressed) {
                    c[0] = skin[0];
                    c[1] = skin[1];
                    c[2] = skin[2];
                } else if (cls == LIGHT) {
                    boolean green = (second[inst] & 1) == 0;
                    c[0] = green ? 60 : 250;
                    c[1] = green ? 230 : 80;
                    c[2] = green ? 120 : 40;
                } else if (cls == ROAD || cls == SIGN) {
                    c[0] = 235;
                    c[1] = 235;
                    c[2] = 228;
                } else if (painted) {
                    c[0] = 220; // rear lights
                    c[1] = 40;
                    c[2] = 30;
                } else {
                    scale(c, 0.4f, 150);
                }
            }
            default -> {
            }
        }
    }

    private static void scale(float[] c, float gain, float offset) {
        c[0] = c[0] * gain + offset;
        c[1] = c[1] * gain + offset;
        c[2] = c[2] * gain + offset;
    }

    private static float[] rgbTable(int[] colours) {
        float[] t = new float[colours.length * 3];
        for (int i = 0; i < colours.length; i++) {
            t[i * 3] = (colours[i] >> 16) & 0xff;
            t[i * 3 + 1] = (colours[i] >> 8) & 0xff;
            t[i * 3 + 2] = colours[i] & 0xff;
        }
        return t;
    }

    /** Bilinear value noise in [-1, 1] on a lattice of the given cell size. */
    static float[] valueNoise(int w, int h, int cell, long seed) {
        int gw = w / cell + 2;
        int gh = h / cell + 2;
        float[] grid = new float[gw * gh];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) Hash.signed(seed, 0, i);
        }
        float[] out = new float[w * h];
        float inv = 1f / cell;
        for (int y = 0; y < h; y++) {
            int gy = y / cell;
            float ty = (y - gy * cell) * inv;
            ty = ty * ty * (3 - 2 * ty);
            int r0 = gy * gw;
            int r1 = r0 + gw;
            for (int x = 0; x < w; x++) {
                int gx = x / cell;
                float tx = (x - gx * cell) * inv;
                tx = tx * tx * (3 - 2 * tx);
                float a = grid[r0 + gx] + (grid[r0 + gx + 1] - grid[r0 + gx]) * tx;
                float b = grid[r1 + gx] + (grid[r1 + gx + 1] - grid[r1 + gx]) * tx;
                out[y * w + x] = a + (b - a) * ty;
            }
        }
        return out;
    }

    /** Separable box blur of an interleaved RGB image with running sums, edges clamped. */
    private static byte[] boxBlur(byte[] src, int w, int h, int r) {
        int span = 2 * r + 1;
        byte[] tmp = new byte[src.length];
        int[] sum = new int[3];
        for (int y = 0; y < h; y++) {
            int row = y * w * 3;
            sum[0] = sum[1] = sum[2] = 0;
            for (int d = -r; d <= r; d++) {
                int o = row + Math.max(0, Math.min(w - 1, d)) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    sum[ch] += src[o + ch] & 0xff;
                }
            }
            for (int x = 0; x < w; x++) {
                int add = row + Math.min(w - 1, x + r + 1) * 3;
                int drop = row + Math.max(0, x - r) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    tmp[row + x * 3 + ch] = (byte) ((sum[ch] + span / 2) / span);
                    sum[ch] += (src[add + ch] & 0xff) - (src[drop + ch] & 0xff);
                }
            }
        }
        byte[] dst = new byte[src.length];
        int stride = w * 3;
        for (int col = 0; col < stride; col++) {
            int s = 0;
            for (int d = -r; d <= r; d++) {
                s += tmp[Math.max(0, Math.min(h - 1, d)) * stride + col] & 0xff;
            }
            for (int y = 0; y < h; y++) {
                dst[y * stride + col] = (byte) ((s + span / 2) / span);
                s += (tmp[Math.min(h - 1, y + r + 1) * stride + col] & 0xff) - (tmp[Math.max(0, y - r) * stride + col] & 0xff);
            }
        }
        return dst;
    }

    /** Adds roughly Gaussian sensor noise to every channel. */
    private static void addNoise(byte[] rgb, float sigma, long seed) {
        // a table of 4096 offsets shaped like a Gaussian (sum of three uniforms, standard deviation
        // 1 before scaling), indexed by 12-bit pieces of one 64-bit hash per pixel
        int[] table = new int[4096];
        for (int i = 0; i < table.length; i++) {
            long h = Hash.mix(seed, -1 - i);
            double u = ((h & 0xffff) + ((h >>> 16) & 0xffff) + ((h >>> 32) & 0xffff)) / 65535.0 - 1.5;
            table[i] = (int) Math.round(u * 2 * sigma);
        }
        for (int p = 0, i = 0; i < rgb.length; p++, i += 3) {
            long h = Hash.mix(seed, p);
            for (int ch = 0; ch < 3; ch++, h >>>= 12) {
                int v = (rgb[i + ch] & 0xff) + table[(int) (h & 4095)];
                rgb[i + ch] = (byte) (v < 0 ? 0 : Math.min(v, 255));
            }
        }
    }
}
