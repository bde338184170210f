package com.wmsanalytics.generate;

/** Product categories with their cost range (cents), unit weight (grams) and names. */
enum Category {
    ELECTRONICS(
            "electronics",
            1_500,
            40_000,
            900,
            "USB-C Charger",
            "Bluetooth Speaker",
            "Wireless Mouse",
            "HDMI Cable",
            "Power Bank",
            "Headphones",
            "Webcam",
            "Keyboard"),
    APPAREL(
            "apparel",
            500,
            6_000,
            350,
            "T-Shirt",
            "Hoodie",
            "Rain Jacket",
            "Socks 6-Pack",
            "Denim Jeans",
            "Running Shorts",
            "Wool Beanie",
            "Polo Shirt"),
    HOME(
            "home",
            300,
            15_000,
            1_400,
            "Bath Towel",
            "Cookware Set",
            "Table Lamp",
            "Storage Box",
            "Throw Pillow",
            "Cutting Board",
            "Shower Curtain",
            "Wall Clock"),
    GROCERY(
            "grocery",
            100,
            1_500,
            700,
            "Coffee Beans",
            "Green Tea",
            "Olive Oil",
            "Pasta",
            "Granola",
            "Dark Chocolate",
            "Basmati Rice",
            "Honey"),
    TOYS(
            "toys",
            300,
            5_000,
            600,
            "Building Blocks",
            "Jigsaw Puzzle",
            "Plush Bear",
            "Race Car",
            "Board Game",
            "Doll House",
            "Kite",
            "Yo-Yo"),
    SPORTS(
            "sports",
            500,
            20_000,
            1_600,
            "Yoga Mat",
            "Dumbbell",
            "Water Bottle",
            "Tennis Balls",
            "Cycling Gloves",
            "Jump Rope",
            "Football",
            "Resistance Band"),
    BEAUTY(
            "beauty",
            200,
            4_000,
            250,
            "Shampoo",
            "Face Cream",
            "Lip Balm",
            "Sunscreen",
            "Body Lotion",
            "Hand Soap",
            "Conditioner",
            "Nail Kit"),
    OFFICE(
            "office",
            100,
            3_000,
            450,
            "Notebook",
            "Gel Pens",
            "Stapler",
            "Desk Organizer",
            "Printer Paper",
            "Sticky Notes",
            "Binder",
            "Label Maker"),
    GARDEN(
            "garden",
            500,
            12_000,
            2_500,
            "Garden Hose",
            "Pruning Shears",
            "Plant Pot",
            "Seed Kit",
            "Watering Can",
            "Garden Gloves",
            "Bird Feeder",
            "Lawn Sprinkler"),
    AUTOMOTIVE(
            "automotive",
            400,
            25_000,
            2_000,
            "Motor Oil",
            "Wiper Blades",
            "Car Charger",
            "Floor Mats",
            "Tire Gauge",
            "Jump Starter",
            "Air Freshener",
            "Seat Cover");

    private final String sqlName;
    private final long minCostCents;
    private final long maxCostCents;
    private final int gramsPerUnit;
    private final String[] nouns;

    Category(String sqlName, long minCostCents, long maxCostCents, int gramsPerUnit, String... nouns) {
        this.sqlName = sqlName;
        this.minCostCents = minCostCents;
        this.maxCostCents = maxCostCents;
        this.gramsPerUnit = gramsPerUnit;
        this.nouns = nouns;
    }

    /** The category of that name, or {@code null} for a category this generator did not make. */
    static Category of(String sqlName) {
        for (Category category : values()) {
            if (category.sqlName.equals(sqlName)) {
                return category;
            }
        }
        return null;
    }

    String sqlName() {
        return sqlName;
    }

    String code() {
        return name().substring(0, 3);
    }

    long minCostCents() {
        return minCostCents;
    }

    long maxCostCents() {
        return maxCostCents;
    }

    int gramsPerUnit() {
        return gramsPerUnit;
    }

    String[] nouns() {
        return nouns.clone();
    }
}
