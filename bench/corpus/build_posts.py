"""Write bench/corpus/posts.jsonl: a labelled corpus of practice posts and replies.

Every post is written by hand to read like something a practice would draft.
``labels`` lists the check families a careful human reviewer expects to fire at
error or warning severity (info-only advice such as readability is not
labelled). Run: python bench/corpus/build_posts.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

Post = dict[str, Any]
POSTS: list[Post] = []


def add(text: str, labels: str = "", **ctx: Any) -> None:
    """One post; ``labels`` is a space-separated list of families."""
    POSTS.append({"text": text, "kind": ctx.pop("kind", "general"), **ctx,
                  "labels": sorted(set(labels.split()))})


# --- Clean health education ------------------------------------------------------------
for text in [
    "Flu season is here. A yearly flu shot is the best way to protect yourself and the people around you. Walk in any weekday or book online.",
    "Wearing sunscreen every day, even when it's cloudy, helps protect your skin. Pick SPF 30 or higher and reapply after swimming.",
    "Spring allergies got you sneezing? Keep windows closed on high-pollen days and shower after being outdoors. If it's not getting better, come see us.",
    "Did you know your blood pressure can be high without any symptoms? Get it checked at your next visit. It only takes a minute.",
    "Back-to-school physicals are booking fast! Schedule yours now so your kids are ready for sports season.",
    "Drink water before you feel thirsty, especially on hot days. Kids and older adults get dehydrated faster.",
    "Screen time before bed can make it harder to fall asleep. Try putting phones away 30 minutes early tonight.",
    "Feeling stressed? A short walk, a few deep breaths, or a call to a friend can help. If stress is affecting your sleep or mood, talk to us.",
    "It's National Nutrition Month! Fill half your plate with fruits and vegetables at each meal.",
    "Heading out on a hike this weekend? Pack water, snacks, sunscreen and a small first aid kit.",
    "Handwashing is still one of the best ways to stop germs. Soap, water, 20 seconds. That's it.",
    "Thinking about quitting smoking? We can help you make a plan that works for you. Ask at your next visit.",
    "Regular dental checkups catch small problems before they become big ones. When was your last cleaning?",
    "Colon cancer screening usually starts at 45. Not sure if you're due? Call our office and we'll check for you.",
    "Protect your hearing at concerts and fireworks shows. Foam earplugs are cheap and easy to carry.",
    "Cold weather tip: dress in layers and cover your head and hands when you head outside.",
    "A good night's sleep helps your body heal, your mood, and your memory. Most adults need 7 or more hours.",
    "Lifting something heavy? Bend your knees, keep the load close, and ask for help if you need it.",
    "Mental health matters as much as physical health. Our providers are here to listen. Book a visit anytime.",
    "Summer camp forms due? We can fill them out at your child's checkup. Bring the form along.",
    "Travel plans? Some destinations need vaccines weeks ahead of time. Book a travel visit at least a month before you go.",
    "Your eyes need a break too. Every 20 minutes, look at something 20 feet away for 20 seconds.",
    "Breakfast doesn't have to be fancy. Oatmeal with fruit or eggs and toast will keep you going all morning.",
    "Bike helmets save lives. Make sure it fits snug and sits level on the forehead.",
    "Sugary drinks add up fast. Try water with a slice of lemon or cucumber instead.",
    "Going back to the gym after a break? Start slow and build up over a few weeks.",
    "Pool safety: always have an adult watching kids in and around water, even if they can swim.",
    "Keep a list of your medicines and allergies in your wallet or phone. It helps in an emergency.",
    "Feeling down during the darker months? You're not alone. Let's talk about what might help.",
    "Chronic heartburn is worth a conversation with your doctor. Schedule a visit if it happens more than twice a week.",
    "Pregnant or planning to be? Prenatal care early on makes a difference. Call us to set up your first visit.",
    "Teens need about 9 hours of sleep. Early school start times make that hard, so protect weekend rest.",
    "Noticed a new or changing mole? Have it looked at. Skin checks are quick and painless.",
    "It's Heart Month. Move more, eat more fiber, and know your numbers. We can help with all three.",
    "Washing fruits and veggies under running water helps remove dirt and germs. No soap needed.",
    "Flu shots are available for everyone 6 months and older. No appointment needed on Tuesdays and Thursdays.",
    "A reminder that our patient portal is the safest way to send us questions about your health.",
    "Caring for an aging parent is hard work. Take care of yourself too, and ask us about local caregiver support groups.",
    "Food allergies in kids can be scary. If you think your child reacted to a food, book a visit so we can talk through next steps.",
    "Winter is dry season for skin. A simple fragrance-free moisturizer after showering goes a long way.",
    "Daylight saving time starts Sunday. Go to bed a little earlier this weekend to ease the change.",
    "Keep medicines up high and out of sight of little ones. Child-resistant caps are not childproof.",
    "Walking counts as exercise! Even 10 minutes after dinner is good for your heart and blood sugar.",
    "When in doubt, throw it out. Leftovers should be eaten within three to four days.",
    "Ticks are out. After time outdoors, check yourself, your kids and your pets. Questions? Give us a call.",
    "Feeling run down lately? Low energy has many possible causes. Let's figure it out together at a visit.",
    "Kids learn by watching. When you eat veggies and go for walks, they notice.",
    "RSV can be serious for babies and older adults. Ask us whether the RSV vaccine is right for you or your baby.",
    "Sports season is here! Make sure your athlete warms up, drinks water and gets enough rest between games.",
    "Allergy or cold? Itchy eyes point to allergies, fever points to an infection, but it's not always clear. We're happy to take a look.",
    "Your annual wellness visit is a great time to ask questions you've been saving up. Write them down beforehand!",
    "Fireworks are best left to the pros. Every year we see burns that could have been avoided.",
    "Sun protection for babies: under 6 months, keep them in the shade and in light clothing instead of sunscreen.",
    "Tdap protects against tetanus, diphtheria and whooping cough. Adults need a booster every 10 years.",
    "Snoring loudly and waking up tired? That's worth mentioning at your next checkup.",
    "Hot cars are dangerous for kids and pets, even with the windows cracked. Look before you lock.",
    "Shingles vaccine is recommended for adults 50 and older. Ask about it at your next visit.",
    "New parents: you're doing great. Call our nurse line with any question, big or small.",
    "Fiber keeps your gut happy. Beans, whole grains, fruit and veggies are great sources.",
    "Taking care of your teeth is taking care of your heart. Brush, floss, and see your dentist regularly.",
    "Cooking at home more often is one of the easiest ways to eat a little healthier. Start with one night a week.",
    "Going through menopause? Hot flashes, sleep trouble and mood changes are common, and there are options. Let's talk.",
    "World Mental Health Day: checking in on a friend can make a big difference today.",
    "Stretching before bed can help you relax and sleep better. Five minutes is enough.",
    "Running a fever? Rest, fluids, and call us if it lasts more than three days or you're worried.",
    "Yes, you can still get your flu shot in January. It's not too late!",
    "Headaches that keep coming back deserve a closer look. Keep a simple diary and bring it to your visit.",
    "Babies should sleep on their backs, in their own crib, with no blankets or toys. Every nap, every night.",
    "Thinking about your family history? Some conditions run in families. Share what you know with your provider.",
    "A1C, LDL, BMI: we know the letters are confusing. Ask us to explain your numbers in plain words at your visit.",
]:
    add(text)

# --- Clean office news, events, community ----------------------------------------------
for text, kind in [
    ("Our office will be closed on Thursday, November 27 for Thanksgiving. We're grateful for all of you!", "general"),
    ("Please welcome Dr. Priya Raman to our pediatrics team! She's accepting new patients starting next month.", "general"),
    ("Free blood pressure checks at the Riverside Farmers Market this Saturday from 9 to noon. Stop by our tent!", "event"),
    ("Happy Nurses Week to the amazing nurses who keep our practice running every single day.", "general"),
    ("We've extended our hours! Starting in March we're open until 7pm on Tuesdays and Thursdays.", "general"),
    ("Join us for a free community talk on healthy aging at the public library, Wednesday at 6pm.", "event"),
    ("Our new parking lot is open. No more circling the block!", "general"),
    ("Thank you to everyone who joined our 5K for the food bank. We raised enough for 3,000 meals!", "event"),
    ("Meet our front desk team! They're the friendly faces who greet you and help with scheduling.", "general"),
    ("The patient portal will be down for maintenance Sunday from midnight to 4am.", "general"),
    ("We're hiring! Looking for a medical assistant who loves working with families. Apply on our website.", "general"),
    ("Happy Halloween from all of us! Enjoy the treats and watch out for the little ones crossing the street.", "general"),
    ("Our new online check-in saves time at the front desk. Look for the link in your appointment reminder.", "general"),
    ("Big thanks to Lincoln Elementary for inviting our nurses to talk about handwashing with the second graders!", "event"),
    ("Snow day update: we're opening at 10am today. Drive safely!", "general"),
    ("Congratulations to our medical assistant Tasha on finishing her nursing degree! We're so proud of you.", "general"),
    ("Free sports physicals for middle schoolers on August 9 at our Main Street office. Sign up online.", "event"),
    ("We now offer video visits for many follow-up appointments. Ask when you book.", "general"),
    ("Our lobby got a makeover! Come see the new kids' corner at your next visit.", "general"),
    ("Happy Fourth of July! Our office is closed today and reopens tomorrow at 8am.", "general"),
    ("Saturday hours are back this fall: 9am to noon for sick visits.", "general"),
    ("Blood drive in our parking lot on June 14 with the Red Cross. Every donation can help save lives. Book a slot online.", "event"),
    ("Our doctors are proud to volunteer at the free clinic downtown every second Saturday.", "general"),
    ("Thank you for voting us Best Family Practice in the county again this year!", "general"),
    ("Reminder: please arrive 15 minutes early for your first visit so we can get your paperwork started.", "general"),
    ("Diabetes support group meets the first Monday of every month in our community room. All are welcome, no need to be our patient.", "event"),
    ("We're celebrating 25 years of caring for this community. Thank you for trusting us with your health!", "general"),
    ("Meet Dr. Alan Brooks, our newest family physician. In his free time he coaches little league.", "general"),
    ("New this year: same-day sick visits for kids every weekday morning. Call when we open at 8.", "general"),
    ("Our team walked 200 miles together during our spring step challenge. Next up: a summer bike challenge!", "general"),
    ("Flu shot clinic at St. Mark's community hall on Saturday, October 11, 10am to 2pm. Bring your insurance card.", "event"),
    ("Happy Doctors' Day to our physicians! Thank you for your care and your kindness.", "general"),
    ("Lost something? We keep a lost and found at the front desk. Stop by and ask.", "general"),
    ("Teen health night: a free, judgment-free Q&A for teens and parents, Thursday at 6:30 in our community room.", "event"),
    ("We're going paperless! You can now sign your forms on a tablet at check-in.", "general"),
]:
    add(text, kind=kind)

# --- Clean promotions and sponsored posts with clear disclosure --------------------------
add("#ad We've partnered with SmileBright to offer free toothbrush kits to every child at their checkup this month.",
    sponsor="SmileBright", kind="promotion")
add("Sponsored: Our friends at ActiveLife Physio are offering free posture screenings in our lobby on Friday.",
    sponsor="ActiveLife Physio", kind="promotion")
add("Paid partnership with PollenPal. Their free app sends alerts on high pollen days, handy for allergy season.",
    sponsor="PollenPal", kind="promotion")
add("Disclosure: we receive compensation from VisionFirst for featuring their blue light glasses. Ask us if they're right for you.",
    affiliations=["VisionFirst"], kind="promotion")
add("#ad Stock up on SunSafe sunscreen at our front desk this summer, 10% off with your visit.",
    sponsor="SunSafe", kind="promotion")
add("Spring special: teeth whitening is 20% off through April. Book a cleaning and ask about it.", kind="promotion")
add("Our new skincare line is available at the front desk. Our aestheticians are happy to help you choose.", kind="promotion")
add("Gift cards for massage therapy are now available in our wellness center, just in time for Mother's Day.", kind="promotion")
add("Sponsored by HealthyHome Foods: free cooking demo in our community room next Tuesday. Healthy lunches for busy families!",
    sponsor="HealthyHome Foods", kind="event")
add("Book a sports massage this month and get a free foam roller while supplies last.", kind="promotion")

# --- Clean replies ----------------------------------------------------------------------------
for text in [
    "Thank you for your feedback. We take every concern seriously; please call our office at your convenience so we can help.",
    "Thank you for the kind words! We'll share them with the whole team.",
    "We're sorry to hear about your experience. Our practice manager would like to speak with you; please call us at your convenience.",
    "Thanks for reaching out! We're open 8 to 5 on weekdays and 9 to noon on Saturdays.",
    "Great question! You can book online through our website or call our front desk.",
    "We appreciate you taking the time to share this. Please give our office a call so we can talk privately.",
    "Thanks for the shout out! We love being part of this community.",
    "We're so glad to hear it! Thanks for taking a moment to write.",
    "For your privacy, we can't discuss any details here. Please call our office and ask for our practice manager.",
    "Yes, we accept most major insurance plans. Our front desk can check yours over the phone.",
    "Thank you for letting us know. We'd like to learn more; please reach out to our office directly.",
    "Happy to help! Parking is free in the lot behind our building.",
    "Thank you! We're proud of our team too.",
    "We hear you and we're sorry for the frustration. Please call our office so we can look into this together.",
    "Thanks for asking! Flu shots are available for walk-ins on weekdays.",
    "That's so kind, thank you. We'll pass this along.",
    "We don't give medical advice on social media, but our nurses would be happy to help over the phone.",
    "Thank you for sharing your concern. Please contact our office directly so we can help.",
    "We are accepting new patients! Call our front desk to get started.",
    "Thanks for the feedback on our website. We'll pass it on to our web team.",
]:
    add(text, kind="reply")

# --- Privacy: identifiers written into posts -------------------------------------------------
for text in [
    "Mrs. Gonzalez left her reading glasses in exam room 3. If anyone knows her, her number is 407-392-8810.",
    "Please pray for our patient Tom Reyes, who was admitted to St. Luke's last night with chest pain.",
    "Shout out to Kevin Marsh, who finally finished his physical therapy after that awful ski accident!",
    "Found at the front desk: a prescription bag for DOB 02/14/1958. Please call if it's yours.",
    "Our oldest patient celebrated her 102nd birthday this week. She still walks a mile every day!",
    "We sent a card to the family at 219 Cedar Lane to congratulate them on the new baby.",
    "Whoever drives the silver minivan with plate 8TRW227: you left your lights on in our lot.",
    "Reminder to our patient Denise Walker: your lab results are ready, please call us.",
    "If you see Mr. Abernathy around town, tell him we said congrats on the new knee!",
    "Email us at jen.castillo.rn@gmail.com if you want to join Jen's weekend walking group for diabetes patients.",
    "Can't believe it's been a year since Maria Santos came in for her mastectomy. Cancer-free and thriving!",
    "His MRN is 77201384 if the hospital needs it for the transfer paperwork.",
    "Member ID WXP883120457 was left on a card at checkout. Call billing to claim it.",
    "We'd like to wish a happy 95th birthday to one of our longest-standing patients!",
    "Our patient Harold turned 93 yesterday and still comes to every appointment on his bike.",
    "Big congrats to Emma Lin on her first clean checkup after chemo!",
    "The Johnson twins were discharged on May 2, 2025 after three weeks in the NICU. Welcome home, little ones!",
    "Her mom said we can share: little Sophie was born on 6/18/2025 at 8 lbs even. Congratulations!",
    "Results for chart #4471-992 were faxed over this morning.",
    "Portal link for tomorrow's visit: https://portal.example.com/visit?patient_id=88213&dob=1975-05-11",
    "We tried calling you at 312-443-9087 about your x-ray results but couldn't get through.",
    "Mr. Kowalski, your reading glasses are at the front desk. Or we can mail them to 55 Birchwood Drive.",
    "Welcome back to our longtime patient Ruth Feldman, who is recovering well after her stroke.",
    "Congratulations to Bill Henderson on losing 40 pounds since starting our weight program!",
    "Thinking of Jamal, who had his appendix out yesterday. Get well soon, buddy!",
    "Our patient Gloria Reyes, 91 years old, finished cardiac rehab this week!",
    "Someone from 98.201.44.17 keeps leaving nasty comments on our page. We've reported it.",
    "Portal account for mlopez@comcast.net was locked after too many tries. Please call us to reset it.",
    "A big thank you to Mrs. Patel, who brought homemade samosas after her husband's bypass. So sweet!",
    "Insurance policy number HMO-55129834 keeps getting rejected by the pharmacy. We're on it.",
    "We're so proud of Marcus Lee, who walked out of rehab on his own two feet after his spinal surgery.",
    "Little Mateo was such a champ at his 4-year shots today!",
    "She was seen on March 3, 2025 for the fall and has healed beautifully, thanks to her hard work.",
    "His pacemaker serial number PMX33910 was verified at today's device check. All good!",
    "Dropped off his records at 4 Orchard Court, Apt 12 since he can't drive after the procedure.",
    "Contact our patient's daughter at (646) 555-2043 if you have her missing cane.",
    "Anyone know the owner of the phone with IMEI 356938035643809? It was left in exam room 5.",
    "Zip 60614 has the highest flu rate among our patients this month, and Mr. Grant in particular had a rough week.",
    "Get well wishes to Coach Daniels, who had heart surgery on Tuesday. The whole team is rooting for him!",
    "Reach out to Linda at linda.m.hughes@yahoo.com about carpooling to her chemo appointments.",
]:
    add(text, "PRV")

# Practice contacts: fine to publish.
for text in [
    "Questions about the new portal? Call our front desk at (312) 555-0100 between 8 and 5.",
    "We've moved! Find us at 1420 Lakeshore Drive, Suite 200, starting January 6.",
    "After hours, our nurse line is 800-555-0199. For emergencies, call 911.",
    "Email our billing team at billing@lakeshorefamilymed.com with any questions about statements.",
    "Book online at https://www.lakeshorefamilymed.com/book or call 312-555-0100.",
    "Free flu shots at our new location, 88 Harbor Street, this Saturday from 9 to 1.",
    "To request records, fax the form to 312-555-0111 or drop it off at the front desk.",
    "Text us at 312-555-0177 to confirm or change an appointment.",
]:
    add(text)

# --- Accuracy --------------------------------------------------------------------------------
for text in [
    "Studies show that drinking green tea every day melts belly fat. Try a cup with breakfast!",
    "Our IV vitamin drip flushes out toxins and boosts your immune system naturally.",
    "Regular massage cures anxiety and insomnia. Book your session today!",
    "This new laser treatment is a breakthrough in wrinkle removal, with no side effects at all.",
    "Our weight-loss program is guaranteed to work or your money back.",
    "Chiropractic care prevents ear infections, asthma and ADHD in children.",
    "Research proves that cold showers double your metabolism. Give it a try!",
    "Apple cider vinegar detox: the secret to clearer skin and more energy.",
    "This supplement is 100% effective against seasonal colds.",
    "Eating dark chocolate lowers your risk of heart attack by 50%. Treat yourself!",
    "Our new cream is completely safe for all skin types, even babies.",
    "Vaccines are 95% effective at preventing measles in kids, so make sure yours are up to date!",
    "One in five adults has a mental health condition each year. You're not alone, and help is available.",
    "Exercise reduces the risk of depression by up to 30%. Lace up those shoes!",
    "Hyperbaric oxygen therapy heals autism, long COVID and fibromyalgia.",
    "Our miracle joint formula has helped hundreds of patients get off their pain pills.",
]:
    add(text, "ACC")
add("Exercise lowers the risk of depression by about 25%. Lace up those shoes and book a visit to talk about a plan.",
    citations=["https://www.nih.gov/news-events/nih-research-matters/exercise-depression"])
add("Vaccines are about 97% effective at preventing measles after two doses. Check your child's record with us.",
    citations=["https://www.cdc.gov/measles/vaccines"])
add("1 in 3 adults has prediabetes and most don't know it. A simple blood test at your checkup can tell you.",
    citations=["https://www.cdc.gov/diabetes/prediabetes"])
add("New research on sleep and heart health: adults who sleep 7 to 8 hours have fewer heart problems. Ask us about your sleep at your next visit.",
    citations=["PMID: 34133432"])
add("A new study finds that regular walking lowers blood pressure in older adults. Book a checkup to talk about a walking plan.",
    citations=["doi:10.1161/HYPERTENSIONAHA.121.17822"])
add("Why we recommend the HPV vaccine for preteens: it prevents several cancers later in life. Talk to us at your child's next visit.",
    citations=["https://naturalwellnesstruth.example.com/hpv"], labels_extra="ACC")
add("Studies show that flossing daily reduces gum disease by 40%. Book your next cleaning today!",
    citations=["https://www.ada.org/resources/research"], labels_extra="ACC")
add("Studies show that kids who eat breakfast focus better at school.",
    citations=["doi:10.10/bad"], labels_extra="ACC")

# --- Advice ------------------------------------------------------------------------------------
for text in [
    "Fever and aches? Take 1000 mg of Tylenol every 6 hours and rest up.",
    "For a toddler's fever, 5 ml of children's ibuprofen usually does the trick.",
    "If your cholesterol meds give you muscle pain, you should stop taking them and try fish oil instead.",
    "Itchy throat and sneezing every spring? You probably have seasonal allergies. Grab some Zyrtec.",
    "Blood sugar running high after the holidays? Increase your insulin dose by a few units until it settles.",
    "Can't sleep? 5 mg of melatonin about an hour before bed works for most people.",
    "Most sinus infections clear up with amoxicillin twice daily for a week.",
    "Heartburn after every meal? Sounds like acid reflux. Take an antacid after dinner and avoid spicy food.",
    "Vitamin D levels are low all winter. Adults should take 2000 IU every day.",
    "If your antibiotics upset your stomach, you can skip a dose or two, it's fine.",
    "Burning when you pee? That's almost certainly a bladder infection. Drink cranberry juice and lots of water.",
    "Migraine tip: two Excedrin tablets at the first sign of a headache.",
    "Allergy sufferers: Flonase, two sprays in each nostril every morning, works wonders.",
    "Stomach bug? Stop taking your blood pressure pills until you can keep food down.",
    "Coughing for weeks after a cold? You likely have bronchitis. Ask us for an inhaler.",
    "Give kids 2 chewable tablets of Benadryl before bed during allergy season.",
    "Feeling dizzy on your new meds? You should stop them and call us next week.",
    "Sore back? Alternate 400 mg ibuprofen and 500 mg acetaminophen every 4 hours.",
]:
    add(text, "ADV")

# --- Disclosure ------------------------------------------------------------------------------------
add("Love these new glucose monitors from GlucoTrack! So easy for our diabetes patients. #sp", "DIS",
    sponsor="GlucoTrack", kind="promotion")
add("Our favorite kids' toothpaste is back in stock at the front desk: SmileBright Bubble Berry!", "DIS",
    sponsor="SmileBright", kind="promotion")
add("Thanks to ActiveLife Physio for the free posture screenings at our office this Friday!", "DIS",
    sponsor="ActiveLife Physio", kind="promotion")
add("Check out the PollenPal app to track pollen in your area. It sends alerts on high days and it's free to download. #partner", "DIS",
    affiliations=["PollenPal"], kind="promotion")
add("Big news for our patients with sleep apnea: the new DreamAir CPAP masks are quieter and lighter than ever.\n\nAsk about them at your next visit.\n\nWe have samples in the office.\n\n#ad", "DIS",
    sponsor="DreamAir", kind="promotion")
add("Proud to be working with VisionFirst to bring blue light glasses to our patients this spring. #collab", "DIS",
    affiliations=["VisionFirst"], kind="promotion")
add("Try NutriKids vitamins this winter, your kids will love the gummy bears!", "DIS",
    sponsor="NutriKids", kind="promotion")
add("Our patients love the HealthyHome meal kits for busy weeknights. Brought to you by HealthyHome Foods.", "DIS",
    sponsor="HealthyHome Foods", kind="promotion")

# --- Professionalism -----------------------------------------------------------------------------
for text, kind in [
    ("Who the hell parks in the ambulance bay? Seriously, move your car.", "general"),
    ("PLEASE STOP CALLING THE FRONT DESK FOR REFILLS. USE THE PORTAL LIKE EVERYONE ELSE.", "general"),
    ("This is clearly a fake review. We have no record of this and frankly it sounds made up.", "reply"),
    ("If you don't like our cancellation policy, feel free to find another practice.", "reply"),
    ("You're wrong. Vaccines don't cause autism, do your research before posting nonsense.", "reply"),
    ("Honestly, this flu season has been a sh*tshow. Get your shot, people.", "general"),
    ("The wait was not our fault. The insurance company took forever to approve it.", "reply"),
    ("ATTENTION: WE WILL NOT SEE PATIENTS WHO ARRIVE MORE THAN 15 MINUTES LATE.", "general"),
    ("Damn, that was a crazy busy Monday. Thanks for your patience, everyone.", "general"),
    ("Anyone who still believes that rubbish about vaccines is just clueless.", "general"),
    ("Calm down, it was a 20 minute wait. Everyone waits at the doctor.", "reply"),
    ("People who skip their screenings and then complain are pathetic.", "general"),
]:
    add(text, "PRO", kind=kind)

# --- Tone ------------------------------------------------------------------------------------------
for text in [
    "A deadly flu strain is sweeping through our town and nobody is safe.",
    "Heat stroke is a silent killer and this summer will be a nightmare.",
    "Measles is terrifying and it's spreading like wildfire. Be very afraid for your kids.",
    "Skin cancer rates are skyrocketing and the numbers are alarming.",
    "Panic in the hospitals as RSV cases spiral out of control!",
    "Ticks are everywhere this year and Lyme disease can ruin your life forever.",
]:
    add(text, "TON")
add("Tick season is here. Check yourself and your kids after time outdoors, and call us if you notice a bullseye rash.")
add("Heat can be dangerous for older adults. Check on your neighbors, drink water, and stay in the shade.")

# --- Engagement (replies) --------------------------------------------------------------------------
for text in [
    "Thanks for visiting us last week, Carla! We're glad the new medication is working.",
    "We're sorry your appointment ran over, Mike. Dr. Shah had an emergency that morning.",
    "So sorry about the wait for your biopsy results. The lab was backed up.",
    "We remember you! Your son's ear infection should clear up in a few days.",
    "Welcome back! Glad you're feeling better after the surgery.",
    "Our records show you cancelled twice, so the fee applies.",
    "Your crown should settle in within a week; call us if the bite still feels off.",
    "When you came in on Tuesday, the doctor explained the procedure in detail.",
    "Dr. Kim prescribed that because it's safer with your blood thinner.",
    "Hope your recovery is going well! The stitches can come out next Friday.",
    "The bill for your MRI should be corrected now. Sorry for the trouble!",
    "Thanks for choosing us for your baby's delivery! She's beautiful.",
]:
    add(text, "ENG", kind="reply")
# Replies that diagnose or advise: engagement problems, and medical advice too.
add("Sounds like a sprain. Just ice it and keep it elevated for a couple of days.", "ENG ADV", kind="reply")
add("You should try taking ibuprofen with food, it's easier on the stomach.", "ENG ADV", kind="reply")
add("I'd recommend a humidifier and saline spray for that kind of congestion.", "ENG", kind="reply")
add("You need to drink more water and rest, it's probably just a virus.", "ENG ADV", kind="reply")

# --- Platform: too long for X ---------------------------------------------------------------------
LONG = ("Flu shots are available now at all three of our locations, with no appointment needed on weekdays "
        "from 8 to 5 and on Saturday mornings. Bring your insurance card, wear a short-sleeved shirt, and plan "
        "for about 15 minutes including the short wait afterwards. Kids over 6 months are welcome too!")
add(LONG, "PLT", targets=["x"])
add(LONG, targets=["facebook"])
add("Our summer newsletter is out, with tips on sun safety, staying active in the heat, keeping kids busy and "
    "healthy during the long break, planning back-to-school checkups early, and a few of our team's favourite "
    "easy recipes for hot days. Read it on our website and tell us what you would like to see next time!",
    "PLT", targets=["x", "facebook"])

# --- Mixed problems ---------------------------------------------------------------------------------
add("Our patient Lisa Chang says our miracle detox program cured her migraines! Call her at 917-555-2290 to hear more.",
    "PRV ACC")
add("Mr. Evans, you probably have gout. Take 600 mg ibuprofen three times a day until it settles.", "PRV ADV")
add("WE WILL NOT TOLERATE THIS. The review from Jenny Moss about her colonoscopy is a total lie.", "PRV PRO", kind="reply")
add("Your test results are fine, but you should stop taking the metformin. Call 312-555-0100 if you have questions.",
    "ENG ADV", kind="reply")


# =====================================================================================
# Held-out posts: written after the rules were tuned on everything above, and never
# used for tuning. bench/checks.py reports them separately (split "holdout").
# =====================================================================================
HOLDOUT_START = len(POSTS)

for text in [
    "Cold and flu season tip: stay home when you're sick and cover your cough with your elbow.",
    "We're excited to announce our new women's health clinic, opening in May with two new providers.",
    "Did you know we offer evening appointments on Wednesdays? Perfect for busy families.",
    "Our team is trained in CPR and first aid, and we renew every year. Want to learn? The Red Cross offers classes.",
    "Kids' teeth need fluoride. Ask about fluoride varnish at your child's next dental visit.",
    "A gentle reminder: refill requests can take two business days. Please plan ahead.",
    "The most common question we get in spring: is it a cold or allergies? Come in and we'll help sort it out.",
    "Thank you to the Elm Street Fire Department for the car seat safety checks this weekend!",
    "We love seeing so many of you at the farmers market. See you next Saturday!",
    "Feeling anxious about your first mammogram? Our imaging team will walk you through every step.",
    "Our pediatric team is now offering lactation support visits. Book through the portal.",
    "Wishing a happy and healthy Lunar New Year to everyone celebrating!",
    "Wear a helmet, every ride. Your brain will thank you.",
    "We are proud to offer interpreters in over 20 languages at no cost. Just ask when you book.",
    "Working from home? Set your screen at eye level and take a short walk every hour.",
    "Check your smoke detector batteries when you change your clocks this weekend.",
    "Our clinic is fully accessible, with ramps, wide doors and an accessible restroom.",
    "Join our free 'Cooking for Diabetes' class on March 12. Space is limited, so RSVP on our website.",
    "Coughing for more than three weeks? It's worth a visit so we can find out why.",
    "Drinking alcohol? Men should limit to two drinks a day and women to one, according to the CDC.",
    "Kids under 2 shouldn't have any added sugar. Water and milk are the best drinks for little ones.",
    "Thanks to everyone who brought canned goods for our food drive. We filled two trucks!",
    "Back pain is one of the most common reasons people visit us. Many cases get better with movement and time. Book if it's not improving.",
    "Meet our care coordinator, Denise! She helps patients navigate referrals, insurance and follow-ups.",
    "Sunglasses with UV protection help protect your eyes, even on cloudy days.",
    "The office will open late on Tuesday, May 6 for a staff meeting. We'll see you at 10.",
    "We've added online bill pay to the portal. No more stamps!",
    "Planning a pregnancy? A preconception visit can help you start healthy. Call to book.",
    "If you ever feel unsafe at home, you can talk to any of our providers in confidence.",
    "Concussions need rest and a gradual return to activity. If your child hits their head during a game, have them checked.",
]:
    add(text)
for text in [
    "Thanks so much for the five stars! We'll let the team know.",
    "We're sorry to hear this and would like to make it right. Please call our office manager directly.",
    "We can't share details on social media, but please call us and we'll be happy to help.",
    "Great question! We do offer sports physicals year-round. You can book online.",
    "Thank you for your patience with our phone lines this week. We've added staff to help.",
]:
    add(text, kind="reply")

# Held-out problems.
add("Sending love to Priya Desai, who started her second round of chemo today. You've got this!", "PRV")
add("Lost a phone case in the lobby? It has a card with Jason Hill's number, 503-298-4412, inside.", "PRV")
add("Congrats to our patient Andre Thompson on running his first marathon just a year after knee surgery!", "PRV")
add("Family of the patient in room 4: your car, plate 4MXB129, is parked in a doctors-only spot.", "PRV")
add("We mailed her new brace to 1027 Sunset Boulevard, so she doesn't have to make the trip.", "PRV")
add("Patient account #55410987 has a refund waiting. Please call billing.", "PRV")
add("Dorothy, 96, still walks to every physical therapy session. Such an inspiration!", "PRV")
add("She came in for a checkup on April 22, 2025 and we found the tumor early. She's doing great now.", "PRV")
add("Please send well wishes to Mr. Yamamoto, who's recovering from a stroke at home.", "PRV")
add("Email the Kaplan family at kaplanfamily88@aol.com to sign the card for their son's recovery.", "PRV")
add("Tonight's telehealth link: https://video.example.com/join?name=Grace+Park&mrn=220931", "PRV")
add("Ashley Brooks had her gallbladder removed on Friday and is already walking the halls!", "PRV")
add("Our weight loss shots melt fat without diet or exercise. Results guaranteed!", "ACC")
add("Studies show that our collagen supplement reverses aging. Try it today!", "ACC")
add("Colloidal silver treats colds, flu, pneumonia and even Lyme disease.", "ACC")
add("Ozone therapy is a breakthrough for chronic fatigue. Book a session.", "ACC")
add("Nine out of ten dentists say our whitening gel is the best on the market.", "ACC")
add("Our hormone pellets are completely safe and work for everyone.", "ACC")
add("Got a UTI? Take 100 mg of nitrofurantoin twice a day for 5 days.", "ADV")
add("For little ones with a fever, give 160 mg of children's Tylenol every 4 to 6 hours.", "ADV")
add("Headaches every afternoon? You're probably dehydrated or have a caffeine withdrawal headache, so skip the pills and drink water.", "ADV")
add("If your blood pressure is under 120 at home, you can stop your lisinopril.", "ADV")
add("Waking up with a sore jaw? You most likely have TMJ disorder. Try a mouth guard at night.", "ADV")
add("Allergies acting up? Take one Claritin every morning through June.", "ADV")
add("You should double your vitamin D dose in winter.", "ADV")
add("Try NutriKids gummy vitamins this winter, the kids love them!", "DIS", sponsor="NutriKids", kind="promotion")
add("We're so excited about the new SmartScale from FitHome! Track your weight right from your phone. #partner", "DIS",
    sponsor="FitHome", kind="promotion")
add("Shout out to our friends at PureAir for the new air purifiers in our waiting room. Ask us about getting one for home!", "DIS",
    affiliations=["PureAir"], kind="promotion")
add("Honestly, some of these online reviews are pure BS. We work our butts off for you people.", "PRO")
add("If you think you know more than your doctor, go ahead and google it. Good luck with that.", "PRO", kind="reply")
add("We did nothing wrong here. You should have read the billing policy before your visit.", "PRO ENG", kind="reply")
add("STOP ASKING FOR ANTIBIOTICS FOR A COLD. THEY DO NOT WORK ON VIRUSES.", "PRO")
add("Norovirus is sweeping through local schools and it's terrifying. Nobody is safe this winter.", "TON")
add("Mold in your home is a ticking time bomb that could kill your whole family.", "TON")
add("So glad your knee replacement went smoothly, Frank! See you at your follow-up.", "ENG", kind="reply")
add("Sorry about the billing mix-up on your last visit. We've credited your account.", "ENG", kind="reply")
add("Your MRI showed nothing serious, so don't worry!", "ENG", kind="reply")
add("We're sorry the wait was long when you brought your daughter in on Saturday.", "ENG", kind="reply")
add("It sounds like a pinched nerve. Try heat and gentle stretching for a week.", "ENG ADV", kind="reply")


# =====================================================================================
# Second held-out set: written after the fixes prompted by the first one, run once,
# and reported as-is (split "holdout2"). Never used for tuning.
# =====================================================================================
HOLDOUT2_START = len(POSTS)

for text in [
    "Spring cleaning tip: toss expired medicines safely at a pharmacy take-back kiosk instead of the trash.",
    "It's Men's Health Month. Guys, when was your last checkup? Book one this month.",
    "Our lab now opens at 7am so you can get fasting bloodwork done before work.",
    "We're proud to welcome our first class of nursing students for their clinical rotation!",
    "Seasonal depression is real. More daylight, movement and connection can help, and so can talking to us.",
    "Water safety week: teach kids to ask permission before going near water.",
    "A huge thank you to the volunteers who helped at our free vision screening day.",
    "Traveling this summer? Pack a small kit with bandages, sunscreen and any medicines you normally use.",
    "Our new pediatric waiting room has a reading nook. Come check it out!",
    "Eating well on a budget: frozen vegetables are just as nutritious as fresh and last much longer.",
    "Grief can affect your sleep, appetite and health. Our providers can connect you with support.",
    "Staying active with arthritis is possible. Gentle movement like walking or swimming often helps. Let's talk about what's right for you.",
    "Flu vaccine supply is in! Walk-ins welcome at all locations this week.",
    "Good posture starts with your chair. Feet flat, back supported, screen at eye level.",
    "The portal now shows your upcoming appointments and lets you reschedule with one tap.",
    "Holiday hours: closed December 25 and January 1, open regular hours the rest of the week.",
    "Fall prevention for older adults: good lighting, no loose rugs, and grab bars in the bathroom.",
    "Thank you, nurses, for everything you do. Happy Nurses Week!",
    "Heat advisory today. Check on older neighbors, drink water and find a cool place if you need one.",
    "Our behavioral health team is growing! We now offer same-week counseling appointments.",
]:
    add(text)
add("We're sorry for the trouble and would love to hear more. Please call our office so we can help.", kind="reply")
add("Thank you for the lovely review! It means a lot to our team.", kind="reply")

add("Wishing a speedy recovery to Carlos Medina after his heart valve surgery last week!", "PRV")
add("Our patient Mrs. Novak celebrated her 98th birthday in the waiting room today!", "PRV")
add("Please return the crutches to the Rivera family at 3310 Spruce Court when you're done with them.", "PRV")
add("Hi Tom, we found your wallet with insurance member ID BCX7731902 in the lobby.", "PRV")
add("Happy birthday to our long-time patient Eleanor, born on June 2, 1931!", "PRV")
add("Anyone who knows Greg from the cardiac rehab group, he asked us to share his cell: 414-367-2281.", "PRV")
add("Ben Carter underwent a successful hip replacement this morning. Way to go, Ben!", "PRV")
add("Our detox foot pads pull toxins out overnight. Try them today!", "ACC")
add("This tea cures anxiety, insomnia and high blood pressure, all naturally.", "ACC")
add("Research shows turmeric works better than ibuprofen for joint pain.", "ACC")
add("Our new stem cell therapy is a breakthrough that regrows cartilage.", "ACC")
add("For a bad cough, take 10 ml of Robitussin every 4 hours.", "ADV")
add("Blood pressure high this morning? Take an extra half pill of your amlodipine.", "ADV")
add("If you have a runny nose and a headache, it's probably a sinus infection, so ask for antibiotics.", "ADV")
add("Nausea from chemo? Try 1 g of ginger capsules three times a day.", "ADV")
add("Lose weight fast with our program! #spon", "DIS", sponsor="SlimFast Pro", kind="promotion")
add("Big thanks to MedSupplyCo for stocking our new exam rooms. Their gloves are the best!", "DIS",
    affiliations=["MedSupplyCo"], kind="promotion")
add("This is the THIRD time this week someone has parked in the handicapped spot. UNACCEPTABLE. Grow up, people.", "PRO")
add("We don't know what you're talking about. That never happened, and your review is a lie.", "PRO", kind="reply")
add("The next pandemic is coming and it will be catastrophic. Nobody is safe.", "TON")
add("Hope your son's stitches are healing well after his visit on Monday!", "ENG", kind="reply")
add("Your lab work came back normal, Janet. Nothing to worry about!", "ENG", kind="reply")
add("We'll have your prescription ready at the front desk by 3.", "ENG", kind="reply")


def main() -> None:
    out = Path(__file__).with_name("posts.jsonl")
    with out.open("w", encoding="utf-8") as f:
        for i, post in enumerate(POSTS, 1):
            extra = post.pop("labels_extra", "")
            post["split"] = ("holdout2" if i > HOLDOUT2_START else
                             "holdout" if i > HOLDOUT_START else "tuning")
            post["labels"] = sorted(set(post["labels"]) | set(extra.split()))
            f.write(json.dumps({"id": f"c{i:03}", **post}, ensure_ascii=False) + "\n")
    print(f"wrote {len(POSTS)} posts to {out}")


if __name__ == "__main__":
    main()
