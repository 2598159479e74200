package io.adaptseg.synth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The appearance of one domain: what colour each class is painted, how strong its texture is, and
 * what the "camera" does to the picture (illumination, contrast, saturation, colour cast, haze,
 * blur, sensor noise). Scenes of every domain share one layout distribution; only this differs,
 * which is the domain gap the adaptation methods must close.
 *
 * @param name short name written to synth.json
 * @param classColours base colour per trainId (0xRRGGBB), 19 entries
 * @param paints vehicle paints (cars, trucks, motorcycles, bicycles), one drawn per object
 * @param clothing clothing colours of people and riders
 * @param skin colour of faces and hands
 * @param instanceJitter relative random brightness of each object (each building, tree, car...)
 * @param texture multiplier of every class's texture amplitude
 * @param textureCell size in pixels of the coarse texture blotches (at 512 pixels width)
 * @param illuminationJitter relative random brightness of each image
 * @param saturation 1 keeps colours, below 1 greys them
 * @param contrast gain around mid-grey
 * @param brightness offset added after contrast (0..255 scale)
 * @param gamma output gamma (above 1 darkens mid-tones)
 * @param cast per-channel gains R, G, B (a colour cast)
 * @param haze strength of the haze towards the horizon
 * @param hazeColour colour of the haze (0xRRGGBB)
 * @param blur box-blur radius in pixels (0: sharp)
 * @param noise standard deviation of the sensor noise (0..255 scale)
 * @param vignette darkening of the corners (0: none)
 */
public record DomainStyle(String name, int[] classColours, int[] paints, int[] clothing, int skin,
        double instanceJitter, double texture, double textureCell, double illuminationJitter,
        double saturation, double contrast, double brightness, double gamma, double[] cast,
        double haze, int hazeColour, int blur, double noise, double vignette) {

    public DomainStyle {
        if (classColours.length != 19) {
            throw new IllegalArgumentException("classColours must have 19 entries, found " + classColours.length);
        }
        if (paints.length == 0 || clothing.length == 0 || cast.length != 3) {
            throw new IllegalArgumentException("paints and clothing must not be empty and cast must have 3 gains");
        }
    }

    /** The GTA5-like source: saturated, warm, sharp, clean, bright primary paints. */
    public static final DomainStyle GAME = new DomainStyle("game",
            new int[] {0x645f5a, 0xaaa096, 0xa57d5f, 0xbeb49b, 0x8c643c, 0x5f5f64, 0x32322d, 0xd22828,
                0x46962d, 0x8ca046, 0x64a0eb, 0x963c3c, 0x963c3c, 0xb41e1e, 0xc8c8be, 0xe6aa1e, 0xb42828,
                0x1e3caa, 0xdcb41e},
            new int[] {0xb41e1e, 0x1e3caa, 0xdcb41e, 0xe1e1e1, 0x1e781e, 0xdc6e14, 0x6e288c, 0xaaaaaf, 0x19191e},
            new int[] {0xc83232, 0x3250c8, 0x32a050, 0xe6c832, 0xe67828, 0x8c3cb4, 0xf0f0f0},
            0xe0aa82, 0.12, 1.0, 16, 0.08, 1.15, 1.1, 6, 0.95, new double[] {1.04, 1.0, 0.93},
            0.12, 0xd2dceb, 0, 1.0, 0);

    /** The SYNTHIA-like source: a second renderer, flatter and darker, higher contrast, no noise. */
    public static final DomainStyle SIMULATOR = new DomainStyle("simulator",
            new int[] {0x736e69, 0xbeb9aa, 0x968778, 0xaaa08c, 0x786450, 0x6e6e78, 0x28282d, 0xc83c32,
                0x558237, 0x9b9b5a, 0x82aadc, 0x785050, 0x785050, 0x3c5a96, 0xb4aaa0, 0xd2503c, 0x9b3232,
                0x46468c, 0xa0a03c},
            new int[] {0x3c5a96, 0xa03232, 0xc8c8c8, 0x282828, 0x5a8c46, 0xc8963c, 0x8c8c96},
            new int[] {0x3c3c8c, 0x8c3c3c, 0x3c8c5a, 0xb4a03c, 0x505050, 0xc8c8c8},
            0xd2a078, 0.1, 0.7, 12, 0.1, 1.05, 1.2, -10, 1.0, new double[] {1.0, 1.0, 1.03},
            0.05, 0xc8d2e6, 0, 0.0, 0);

    /**
     * The Cityscapes-like target: a real camera on an overcast day. Muted and cool, greyer sky,
     * darker greens, sober car paints, lower contrast, haze, a slightly soft lens and sensor noise.
     */
    public static final DomainStyle CAMERA = new DomainStyle("camera",
            new int[] {0x55585f, 0x878082, 0x7d7a73, 0x969182, 0x696e64, 0x505555, 0x232628, 0x3250a0,
                0x3c552d, 0x78784b, 0xbec8d2, 0x504646, 0x504646, 0x78787a, 0xbebeb4, 0xd7d7cd, 0xe1c85a,
                0x3c3c46, 0x46463c},
            new int[] {0x78787a, 0x1e1e20, 0xc8c8c8, 0xa0a2a5, 0x283250, 0x6e1e1e, 0xaaa08c},
            new int[] {0x282830, 0x464650, 0x5a5046, 0x6e6e78, 0x8c8278, 0x32463c},
            0xbe9682, 0.1, 0.8, 28, 0.15, 0.8, 0.9, 8, 1.0, new double[] {0.95, 1.0, 1.06},
            0.3, 0xb4bec8, 1, 5.0, 0.3);

    /** The style's parameters for synth.json (colours as #rrggbb). */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("classColours", hex(classColours));
        m.put("paints", hex(paints));
        m.put("clothing", hex(clothing));
        m.put("skin", hex(skin));
        m.put("instanceJitter", instanceJitter);
        m.put("texture", texture);
        m.put("textureCell", textureCell);
        m.put("illuminationJitter", illuminationJitter);
        m.put("saturation", saturation);
        m.put("contrast", contrast);
        m.put("brightness", brightness);
        m.put("gamma", gamma);
        m.put("cast", List.of(cast[0], cast[1], cast[2]));
        m.put("haze", haze);
        m.put("hazeColour", hex(hazeColour));
        m.put("blur", blur);
        m.put("noise", noise);
        m.put("vignette", vignette);
        return m;
    }

    private static List<String> hex(int[] colours) {
        List<String> out = new ArrayList<>();
        for (int c : colours) {
            out.add(hex(c));
        }
        return out;
    }

    private static String hex(int colour) {
        return String.format("#%06x", colour & 0xffffff);
    }
}
