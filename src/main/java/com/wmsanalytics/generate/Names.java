package com.wmsanalytics.generate;

import java.util.SplittableRandom;

/** Names for generated customers and products. */
final class Names {

    private static final String[] FIRST = {
        "Olivia",
        "Liam",
        "Emma",
        "Noah",
        "Ava",
        "Elijah",
        "Sophia",
        "James",
        "Isabella",
        "Lucas",
        "Mia",
        "Mason",
        "Amelia",
        "Ethan",
        "Harper",
        "Logan",
        "Evelyn",
        "Aiden",
        "Abigail",
        "Jackson",
        "Emily",
        "Sebastian",
        "Ella",
        "Mateo",
        "Grace",
        "Daniel",
        "Chloe",
        "Henry",
        "Nora",
        "Samuel"
    };
    private static final String[] LAST = {
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson"
    };
    private static final String[] COMPANY = {
        "Summit",
        "Harbor",
        "Pioneer",
        "Keystone",
        "Bluewater",
        "Ironwood",
        "Maple",
        "Granite",
        "Northstar",
        "Redwood",
        "Silverline",
        "Crescent",
        "Evergreen",
        "Lakeside",
        "Prairie"
    };
    private static final String[] WHOLESALE = {"Supply Co.", "Wholesale", "Trading", "Distributors", "Merchants"};
    private static final String[] SHOP = {"Outlet", "Shop", "Store", "Goods", "Market"};
    private static final String[] ADJECTIVES = {
        "Compact",
        "Classic",
        "Premium",
        "Essential",
        "Deluxe",
        "Eco",
        "Pro",
        "Ultra",
        "Everyday",
        "Heavy-Duty",
        "Lightweight",
        "Smart"
    };

    private Names() {}

    static String customer(Segment segment, SplittableRandom random) {
        return switch (segment) {
            case RETAIL -> Randoms.pick(random, FIRST) + " " + Randoms.pick(random, LAST);
            case WHOLESALE -> Randoms.pick(random, COMPANY) + " " + Randoms.pick(random, WHOLESALE);
            case MARKETPLACE ->
                Randoms.pick(random, COMPANY) + " " + Randoms.pick(random, LAST) + " " + Randoms.pick(random, SHOP);
        };
    }

    static String product(Category category, SplittableRandom random) {
        return Randoms.pick(random, ADJECTIVES) + " " + Randoms.pick(random, category.nouns());
    }
}
